import type { ContainerRecord } from "@/lib/docker/containers";

/** A cached container: the record, its pre-serialized JSON (lists are served without re-serializing), a search text. */
export type Entry = ContainerRecord & { json: string; search: string };
