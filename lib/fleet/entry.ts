import type { ContainerRecord } from "@/lib/docker/containers";

/** A cached container: the record, its pre-serialized JSON (lists are served without re-serializing), a search text. */
export type Entry = ContainerRecord & { json: string; search: string };

/**
 * Every field spelled out in one literal, so all entries share one hidden class. `{ ...record, json, search }` gave
 * each entry its own (V8 does not share transitions from a spread clone): ~500 bytes of map and descriptors per
 * container, and megamorphic property reads in every sort and filter.
 */
export function makeEntry(r: ContainerRecord, json: string, search: string): Entry {
  return {
    id: r.id, name: r.name, image: r.image, state: r.state, status: r.status, since: r.since, hostId: r.hostId, tenant: r.tenant,
    project: r.project, app: r.app, service: r.service, ports: r.ports, created: r.created, labels: r.labels, json, search,
  };
}
