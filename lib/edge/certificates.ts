import "server-only";
import tls from "node:tls";

// The certificate the edge proxy serves for a name, read the way a browser meets it: a TLS handshake with that
// name (SNI) to Caddy's HTTPS port. Its issuer and expiry are what the app page shows (docs/edge.md). Not
// verified here (the internal CA is not in this process's trust store): this reads, it does not trust. Answers
// are kept a minute per name, so listing domains does not open a handshake per row on every poll.

export type ServedCertificate = { issuer: string; expiresAt: string };

const TTL_MS = 60_000;
const TIMEOUT_MS = 3000;
type Entry = { at: number; value: Promise<ServedCertificate | null> };
declare global {
  var wharfEdgeCertificates: Map<string, Entry> | undefined;
}
const cache = () => (globalThis.wharfEdgeCertificates ??= new Map());

function handshake(address: string, port: number, servername: string): Promise<ServedCertificate | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: address, port, servername, rejectUnauthorized: false });
    const done = (value: ServedCertificate | null) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(TIMEOUT_MS, () => done(null));
    socket.once("error", () => done(null));
    socket.once("secureConnect", () => {
      const cert = socket.getPeerCertificate();
      // Caddy answers a name it has no certificate for with an alert (error above), never another name's.
      const names = (cert.subjectaltname ?? "").split(", ").map((n) => n.replace(/^DNS:/, ""));
      if (!cert.valid_to || !names.includes(servername)) return done(null);
      const issuer = [cert.issuer?.CN, cert.issuer?.O].flat().find(Boolean) ?? "unknown";
      done({ issuer, expiresAt: new Date(cert.valid_to).toISOString() });
    });
  });
}

/** The certificate served for `host` at `address:port`, or null when none is (yet). */
export function servedCertificate(
  address: string,
  port: number,
  host: string,
): Promise<ServedCertificate | null> {
  const key = `${address}:${port} ${host}`;
  const hit = cache().get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = handshake(address, port, host);
  cache().set(key, { at: Date.now(), value });
  // A name with no certificate yet is asked again at the next list, not a minute later.
  void value.then((v) => v ?? cache().delete(key));
  return value;
}
