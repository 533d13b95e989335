/** What tells a service's containers apart: the part after the app prefix ("web_2"), or the name as it is. */
export function replicaName(name: string, services: string[]): string {
  for (const s of services) {
    const i = name.lastIndexOf(`_${s}_`);
    if (i >= 0) return name.slice(i + 1);
  }
  return name;
}
