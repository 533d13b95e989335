/** A list held in state, edited by position: `update(i, patch)` merges into the i-th item, `remove(i)` drops it. */
export function listEdits<T extends object>(items: readonly T[], set: (items: T[]) => void) {
  return {
    update: (i: number, patch: Partial<T>) => set(items.map((x, j) => (j === i ? { ...x, ...patch } : x))),
    remove: (i: number) => set(items.filter((_, j) => j !== i)),
  };
}
