import type { BadgeTone } from "@/components/ui/badge";
import type { EngineEventView } from "@/lib/validations/ops-views";

/** Colours say what happened: a clean exit (code 0) is not a failure, an unhealthy check is a warning. */
export function eventTone(e: Pick<EngineEventView, "action" | "attributes">): BadgeTone {
  const exit = e.attributes.exitCode;
  if (/^exec_/.test(e.action)) return exit && exit !== "0" ? "amber" : "gray";
  if (/health_status: unhealthy/.test(e.action)) return "amber";
  if (/health_status: healthy/.test(e.action)) return "green";
  if (e.action === "die") return exit === "0" ? "gray" : "red";
  if (/oom|kill|destroy|delete/.test(e.action)) return "red";
  if (/start|create|pull|tag/.test(e.action)) return "green";
  return "gray";
}

export type EventRow =
  | { kind: "event"; event: EngineEventView }
  | { kind: "execs"; events: EngineEventView[] };

/** Runs shorter than this are shown as they are. */
const MIN_FOLD = 3;

/**
 * Health checks run an exec every interval (exec_create, exec_start, exec_die), which buried the events that
 * matter: consecutive exec events of one container fold into one row that can be opened.
 */
export function foldExecNoise(events: EngineEventView[]): EventRow[] {
  const rows: EventRow[] = [];
  let run: EngineEventView[] = [];
  const flush = () => {
    if (run.length >= MIN_FOLD) rows.push({ kind: "execs", events: run });
    else for (const event of run) rows.push({ kind: "event", event });
    run = [];
  };
  for (const e of events) {
    const isExec = e.type === "container" && e.action.startsWith("exec_");
    if (isExec && (run.length === 0 || run[0].id === e.id)) {
      run.push(e);
      continue;
    }
    flush();
    if (isExec) run.push(e);
    else rows.push({ kind: "event", event: e });
  }
  flush();
  return rows;
}
