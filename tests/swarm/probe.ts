// An HTTP probe loop through every node's address (host-mode ports: each node answers for the tasks it
// runs), to measure how long the app stops answering while nodes are drained or die.

type Round = { at: number; ok: string[] };

export class Prober {
  private rounds: Round[] = [];
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly addresses: Record<string, string>,
    private readonly port: number,
    private readonly everyMs = 500,
  ) {}

  start() {
    this.timer = setInterval(() => void this.round(), this.everyMs);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async round() {
    if (this.busy) return; // a slow round is not stacked behind another
    this.busy = true;
    const at = Date.now();
    const ok = await Promise.all(
      Object.entries(this.addresses).map(async ([node, addr]) => {
        try {
          const res = await fetch(`http://${addr}:${this.port}/`, { signal: AbortSignal.timeout(2000) });
          await res.text();
          return res.status === 200 ? node : null;
        } catch {
          return null;
        }
      }),
    );
    this.rounds.push({ at, ok: ok.filter((n): n is string => n !== null) });
    this.busy = false;
  }

  /** Rounds since `from`: how many, how many answered through some node, the longest time with no answer. */
  summary(from = 0, to = Date.now()) {
    const rounds = this.rounds.filter((r) => r.at >= from && r.at <= to);
    let gapMs = 0;
    let lastOk = rounds[0]?.at ?? from;
    for (const r of rounds) {
      if (r.ok.length > 0) {
        gapMs = Math.max(gapMs, r.at - lastOk - this.everyMs);
        lastOk = r.at;
      }
    }
    if (rounds.length > 0) gapMs = Math.max(gapMs, rounds[rounds.length - 1].at - lastOk);
    const perNode = Object.fromEntries(
      Object.keys(this.addresses).map((n) => [n, rounds.filter((r) => r.ok.includes(n)).length]),
    );
    return {
      rounds: rounds.length,
      answered: rounds.filter((r) => r.ok.length > 0).length,
      longestGapMs: Math.max(0, gapMs),
      perNode,
    };
  }
}
