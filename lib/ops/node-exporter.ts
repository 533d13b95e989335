import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { errorText } from "@/lib/api/errors";
import { egressText } from "@/lib/egress/http";
import { parsePromText, type PromSample } from "@/lib/ops/prom-text";
import type { HostFigures, HostFiguresView } from "@/lib/validations/host";

/** A node exporter's page is ~100-300 KiB on a busy host; more is not one. */
const MAX_BYTES = 4 * 1024 * 1024;
const TIMEOUT_MS = 5000;
/** Figures are read at most this often per host, however many pages ask. */
const FRESH_MS = 5000;
/** With no earlier scrape this recent, a second one this long after the first gives the rates. */
const RATE_GAP_MS = 1000;
const RATE_MAX_AGE_MS = 5 * 60_000;

/** The counters and gauges the figures are made of, from one scrape. */
export type Scrape = {
  at: number;
  cpus: number;
  cpuIdle: number;
  cpuTotal: number;
  memTotal: number;
  memAvailable: number;
  load: [number, number, number];
  diskSize: number;
  diskAvail: number;
  rx: number;
  tx: number;
};

const sum = (
  samples: PromSample[],
  name: string,
  keep: (l: Record<string, string>) => boolean = () => true,
) => samples.reduce((n, s) => (s.name === name && keep(s.labels) ? n + s.value : n), 0);
const has = (samples: PromSample[], name: string) => samples.some((s) => s.name === name);

/** One scrape's figures; null when the page is not a node exporter's (no CPU or memory series). */
export function scrapeOf(text: string, at: number): Scrape | null {
  const s = parsePromText(text);
  if (!has(s, "node_cpu_seconds_total") || !has(s, "node_memory_MemTotal_bytes")) return null;
  const root = (l: Record<string, string>) => l.mountpoint === "/";
  const notLo = (l: Record<string, string>) => l.device !== "lo";
  return {
    at,
    cpus: new Set(s.filter((x) => x.name === "node_cpu_seconds_total").map((x) => x.labels.cpu)).size,
    cpuIdle: sum(s, "node_cpu_seconds_total", (l) => l.mode === "idle" || l.mode === "iowait"),
    cpuTotal: sum(s, "node_cpu_seconds_total"),
    memTotal: sum(s, "node_memory_MemTotal_bytes"),
    memAvailable: sum(s, "node_memory_MemAvailable_bytes"),
    load: [sum(s, "node_load1"), sum(s, "node_load5"), sum(s, "node_load15")],
    diskSize: sum(s, "node_filesystem_size_bytes", root),
    diskAvail: sum(s, "node_filesystem_avail_bytes", root),
    rx: sum(s, "node_network_receive_bytes_total", notLo),
    tx: sum(s, "node_network_transmit_bytes_total", notLo),
  };
}

/** The figures of the latest scrape, with rates against the one before (null without one, or after a reset). */
export function figuresOf(cur: Scrape, prev: Scrape | null): HostFigures {
  const seconds = prev ? (cur.at - prev.at) / 1000 : 0;
  const rate = (a: number, b: number) => (prev && seconds > 0 && a >= b ? (a - b) / seconds : null);
  const busy = prev ? cur.cpuTotal - prev.cpuTotal : 0;
  const idle = prev ? cur.cpuIdle - prev.cpuIdle : 0;
  return {
    cpus: cur.cpus,
    cpuPercent: prev && busy > 0 && idle >= 0 ? Math.min(100, Math.max(0, (1 - idle / busy) * 100)) : null,
    memoryTotalBytes: cur.memTotal,
    memoryUsedBytes: Math.max(0, cur.memTotal - cur.memAvailable),
    load1: cur.load[0],
    load5: cur.load[1],
    load15: cur.load[2],
    diskTotalBytes: cur.diskSize,
    diskUsedBytes: Math.max(0, cur.diskSize - cur.diskAvail),
    networkRxBytesPerSecond: rate(cur.rx, prev?.rx ?? 0),
    networkTxBytesPerSecond: rate(cur.tx, prev?.tx ?? 0),
  };
}

/** Reads the page under the egress policy (an admin set the URL): the refusal or failure as a short text. */
export async function scrapeExporter(url: string): Promise<Scrape> {
  const text = await egressText(
    new URL(url),
    { accept: "text/plain" },
    { admin: true },
    {
      maxBytes: MAX_BYTES,
      timeoutMs: TIMEOUT_MS,
    },
  );
  const scrape = scrapeOf(text, Date.now());
  if (!scrape)
    throw new Error("not a node exporter's page (no node_cpu_seconds_total, node_memory_MemTotal_bytes)");
  return scrape;
}

type Entry = {
  url: string;
  last: Scrape | null;
  prev: Scrape | null;
  view: HostFiguresView;
  reading?: Promise<HostFiguresView>;
};
declare global {
  var wharfNodeExporters: Map<string, Entry> | undefined;
}
const entries = (globalThis.wharfNodeExporters ??= new Map());

/** The host's figures, read at most every FRESH_MS (concurrent askers share one read). */
export async function nodeExporterFigures(hostId: string, url: string): Promise<HostFiguresView> {
  let e = entries.get(hostId);
  if (!e || e.url !== url) entries.set(hostId, (e = { url, last: null, prev: null, view: empty(url) }));
  const entry = e;
  if (entry.last && Date.now() - entry.last.at < FRESH_MS && !entry.view.error) return entry.view;
  entry.reading ??= read(entry).finally(() => (entry.reading = undefined));
  return entry.reading;
}

const empty = (url: string): HostFiguresView => ({ exporter: !!url, error: null, at: null, figures: null });

async function read(e: Entry): Promise<HostFiguresView> {
  try {
    if (!e.last || Date.now() - e.last.at > RATE_MAX_AGE_MS) {
      e.last = await scrapeExporter(e.url);
      await sleep(RATE_GAP_MS);
    }
    const cur = await scrapeExporter(e.url);
    e.prev = e.last;
    e.last = cur;
    e.view = {
      exporter: true,
      error: null,
      at: new Date(cur.at).toISOString(),
      figures: figuresOf(cur, e.prev),
    };
  } catch (err) {
    e.view = { exporter: true, error: errorText(err), at: null, figures: null };
  }
  return e.view;
}
