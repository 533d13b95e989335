import { engineToken } from "@/lib/compose/engine-token";

/** What tells a service's containers apart: the part after the app prefix ("web_2"), or the name as it is. */
export function replicaName(name: string, services: string[]): string {
  for (const s of services) {
    // Container names hold the service's engine form (`initcontainer-…_1` for `initContainer`).
    const token = engineToken(s);
    const i = name.lastIndexOf(`_${token}_`);
    if (i >= 0) return `${s}${name.slice(i + 1 + token.length)}`;
  }
  return name;
}
