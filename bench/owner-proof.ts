// npm run bench:owner-proof — the cost the ownership proof adds to the fleet's hot path (issue 12): one
// `verifyOwner` (HMAC-SHA256 over the scoping labels and the container's name) per container when it is first
// listed or seen in an event. Pure CPU, no engine, no server: 100,000 containers' labels as the simulator
// stamps them, verified in a plain loop, next to the label copy the fleet did before proofs existed. Prints
// per-call and per-100,000 figures with the machine's load average (this machine is shared), and writes
// bench/results/owner-proof.json. `npm run bench:scale` measures the whole path.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OWNER_LABEL } from "../lib/docker/labels";
import { ownerProof, verifyOwner } from "../lib/docker/owner-proof";

const N = Number(process.env.BENCH_CONTAINERS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const key = randomBytes(32);

type Row = { name: string; labels: Record<string, string> };
function containers(valid: boolean): Row[] {
  return Array.from({ length: N }, (_, i) => {
    const f = { tenant: `t${i % 50}`, project: `p${i % 200}`, app: `a${i % 2000}`, service: "web" };
    const name = `wharf_t${i % 50}_p_a${i % 2000}_web_${i}`;
    const labels: Record<string, string> = {
      "wharf.tenant": f.tenant,
      "wharf.project": f.project,
      "wharf.app": f.app,
      "wharf.service": f.service,
      "com.example.team": "shop",
      [OWNER_LABEL]: ownerProof(key, "c", f, valid ? name : `${name}-copied`),
    };
    return { name, labels };
  });
}

/** What the fleet did before proofs: keep the wharf.* labels as they came. */
function copyLabels(labels: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in labels) if (k.startsWith("wharf.") && k !== OWNER_LABEL) out[k] = labels[k];
  return out;
}

function time(rows: Row[], fn: (r: Row) => unknown): number {
  const t0 = process.hrtime.bigint();
  let sink = 0;
  for (const r of rows) if (fn(r)) sink++;
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (sink < 0) console.log(sink);
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const valid = containers(true);
const forged = containers(false);
const runs = { copy: [] as number[], verifyValid: [] as number[], verifyForged: [] as number[] };
for (let i = 0; i < ROUNDS + 1; i++) {
  const copy = time(valid, (r) => copyLabels(r.labels));
  const ok = time(valid, (r) => verifyOwner(key, r.name, r.labels) && copyLabels(r.labels));
  const bad = time(forged, (r) => verifyOwner(key, r.name, r.labels));
  if (i === 0) continue; // warm-up
  runs.copy.push(copy);
  runs.verifyValid.push(ok);
  runs.verifyForged.push(bad);
}
const per = (ms: number) => +((ms * 1000) / N).toFixed(2);
const result = {
  at: new Date().toISOString(),
  containers: N,
  rounds: ROUNDS,
  loadAverage1m: +os.loadavg()[0].toFixed(1),
  cpus: os.cpus().length,
  medianMs: {
    copyOnly: +median(runs.copy).toFixed(1),
    verifyAndCopy: +median(runs.verifyValid).toFixed(1),
    verifyForged: +median(runs.verifyForged).toFixed(1),
  },
  microsPerContainer: {
    copyOnly: per(median(runs.copy)),
    verifyAndCopy: per(median(runs.verifyValid)),
    verifyForged: per(median(runs.verifyForged)),
  },
  allRunsMs: runs,
};
console.log(
  `owner proof, ${N} containers, median of ${ROUNDS} (load ${result.loadAverage1m} on ${result.cpus} CPUs): ` +
    `copy only ${result.medianMs.copyOnly} ms (${result.microsPerContainer.copyOnly} µs each), ` +
    `verify + copy ${result.medianMs.verifyAndCopy} ms (${result.microsPerContainer.verifyAndCopy} µs), ` +
    `forged proofs ${result.medianMs.verifyForged} ms (${result.microsPerContainer.verifyForged} µs)`,
);
const out = path.join("bench", "results", "owner-proof.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
