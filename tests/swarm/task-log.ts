// Records every task state an app's Swarm services go through while a step runs, with the engine's error:
// a deploy that fails is rolled back (its services removed), so afterwards there is nothing left to ask.
import type Docker from "dockerode";

type Task = { ID?: string; NodeID?: string; CreatedAt?: string; Status?: { State?: string; Err?: string } };

export class TaskLog {
  private seen = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly manager: Docker,
    private readonly label: string,
    private readonly nodeNames: () => Promise<Record<string, string>>,
  ) {}

  start() {
    this.timer = setInterval(() => void this.poll().catch(() => undefined), 1000);
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.poll().catch(() => undefined);
  }

  private async poll() {
    const names = await this.nodeNames();
    for (const s of await this.manager.listServices({ filters: { label: [this.label] } })) {
      const service = s.Spec?.Labels?.["wharf.service"] ?? s.ID;
      for (const k of (await this.manager.listTasks({ filters: { service: [s.ID] } })) as Task[]) {
        const state = k.Status?.State ?? "?";
        const key = `${k.ID} ${state}`;
        if (this.seen.has(key)) continue;
        const node = names[k.NodeID ?? ""] ?? "-";
        this.seen.set(
          key,
          `${service} ${node} ${k.CreatedAt} ${state}${k.Status?.Err ? `: ${k.Status.Err}` : ""}`,
        );
      }
    }
  }

  /** Tasks that failed (Swarm restarted them, or the deploy gave up). */
  failures(): string[] {
    return [...this.seen.values()].filter((l) => / (failed|rejected)/.test(l));
  }

  lines(): string[] {
    return [...this.seen.values()];
  }
}
