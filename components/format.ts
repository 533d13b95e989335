// The display helpers every screen shares: sizes, relative times and short ids, so the same value reads the same
// on every page.

/** Bytes in binary units ("512 B", "1.5 KiB", "2.0 GiB"); "—" when the value is unknown. */
export function formatBytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  if (n <= 0) return "0 B";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  const i = Math.max(0, Math.min(units.length - 1, Math.floor(Math.log(n) / Math.log(1024)))); // < 1 B: "0 B"
  return `${(n / 1024 ** i).toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** How long ago an instant was ("12 s ago", "3 min ago", "2 d ago"), from an ISO string or epoch milliseconds. */
export function formatAgo(at: string | number | null | undefined, now = Date.now()): string {
  if (at === null || at === undefined || at === "") return "";
  const ms = typeof at === "number" ? at : new Date(at).getTime();
  if (!Number.isFinite(ms)) return "";
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ago`;
  return `${Math.floor(s / 86400)} d ago`;
}

/** The 12 characters of an image or container id people recognise, without the digest algorithm. */
export const shortId = (id: string) => id.replace(/^sha256:/, "").slice(0, 12);

/** An instant in the reader's locale; "" when there is none. */
export const formatTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "");
