// Start-up order from depends_on: services grouped in levels; a level starts once every service
// of the levels before it is up (and healthy where a dependant asks for service_healthy).
import type { AppSpec } from "@/lib/compose/spec";

export function dependencyLevels(spec: AppSpec, only?: Set<string>): string[][] {
  const names = Object.keys(spec.services);
  const depth = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (name: string): number => {
    const known = depth.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) return 0; // cycles are refused by the parser; never loop here
    visiting.add(name);
    const deps = Object.keys(spec.services[name]?.dependsOn ?? {}).filter(
      (d) => d in spec.services && d !== name,
    );
    const d = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(depthOf));
    visiting.delete(name);
    depth.set(name, d);
    return d;
  };
  const levels: string[][] = [];
  for (const name of names) {
    if (only && !only.has(name)) continue;
    const d = depthOf(name);
    (levels[d] ??= []).push(name);
  }
  return levels.filter((l) => l && l.length > 0).map((l) => l.sort());
}
