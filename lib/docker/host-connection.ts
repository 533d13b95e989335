import "server-only";
import { notFound } from "@/lib/api/errors";
import { db } from "@/lib/db";
import { readTls, type HostConnection } from "@/lib/docker/client";

// The one way a stored host becomes a connection, with its TLS material decrypted only here.

export type StoredHost = { id: string; url: string; tlsEncrypted: string | null };

export const connectionOf = (h: StoredHost): HostConnection => ({
  id: h.id,
  url: h.url,
  tls: readTls(h.tlsEncrypted),
});

/** A host's connection by id; 404 when the host is gone. Callers check the actor's grant before this. */
export async function hostConnection(id: string): Promise<HostConnection> {
  const h = await db.host.findUnique({ where: { id }, select: { id: true, url: true, tlsEncrypted: true } });
  if (!h) throw notFound("Host");
  return connectionOf(h);
}
