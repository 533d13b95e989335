import { z } from "zod";
import { ProgressLineSchema, type ProgressLine } from "@/lib/client/hooks/use-apps";

// The progress of an app's last deploy from this browser tab, kept across the create → app page redirect
// (and reloads) so what scrolled by during the deploy can still be read afterwards.
const Stored = z.object({ finishedAt: z.string(), ok: z.boolean(), lines: z.array(ProgressLineSchema) });
export type LastDeploy = z.infer<typeof Stored>;

const key = (appId: string) => `wharf-last-deploy:${appId}`;
const MAX_LINES = 500;

export function saveLastDeploy(appId: string, lines: ProgressLine[], ok: boolean) {
  if (lines.length === 0) return;
  const value: LastDeploy = { finishedAt: new Date().toISOString(), ok, lines: lines.slice(-MAX_LINES) };
  try {
    sessionStorage.setItem(key(appId), JSON.stringify(value));
  } catch {
    // Storage full or blocked: the panel is a convenience, the deploy itself is recorded in Revisions.
  }
}

export function loadLastDeploy(appId: string): LastDeploy | null {
  try {
    const raw = sessionStorage.getItem(key(appId));
    if (!raw) return null;
    const parsed = Stored.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
