import "server-only";

/** Start-up hooks' background loop: `task` every `ms`, never two at once (a slow run is not stacked), unref'd. */
export function runEvery(ms: number, task: () => Promise<unknown>): void {
  let running = false;
  setInterval(() => {
    if (running) return;
    running = true;
    void task().finally(() => (running = false));
  }, ms).unref();
}
