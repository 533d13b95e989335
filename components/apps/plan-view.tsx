"use client";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Table, Td } from "@/components/ui/table";
// The component is PlanView; the API's view of a plan is imported under another name here.
import type { PlanView as Plan } from "@/lib/validations/app";

type PlanAction = Plan["services"][number]["action"];
type SpecChange = NonNullable<Plan["diff"]>[number];

const tone: Record<string, BadgeTone> = {
  create: "green",
  update: "amber",
  scale: "blue",
  remove: "red",
  unchanged: "gray",
  keep: "gray",
  external: "blue",
};

/** The plan before applying: per service what happens and why, then networks, volumes and quota use. */
export function PlanView({ plan }: { plan: Plan }) {
  return (
    <div className="space-y-3" data-testid="plan">
      <p className="text-sm font-medium">
        {plan.changes === 0
          ? "Nothing to change: the host already runs this."
          : `${plan.changes} change${plan.changes === 1 ? "" : "s"} to apply.`}
      </p>
      <Table label="Plan" head={["Service", "Action", "Replicas", "Why"]}>
        <tbody>
          {plan.services.map((s) => (
            <tr key={s.service} data-testid={`plan-${s.service}`}>
              <Td className="font-mono text-xs">
                {s.service}
                {s.engineName ? (
                  <span className="block text-[11px] text-slate-500" title="Name on the engine">
                    → {s.engineName}
                  </span>
                ) : null}
                {s.containerName ? (
                  <span className="block text-[11px] text-slate-500">
                    container_name {s.containerName}: an alias on this app&apos;s networks
                  </span>
                ) : null}
              </Td>
              <Td>
                <Badge tone={tone[s.action]}>{label(s.action)}</Badge>
              </Td>
              <Td>
                {s.action === "create"
                  ? s.to
                  : s.action === "remove"
                    ? `${s.from} → 0`
                    : s.from === s.to
                      ? s.to
                      : `${s.from} → ${s.to}`}
              </Td>
              <Td className="text-xs text-slate-600 dark:text-slate-400">{s.reasons.join("; ")}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
      <div className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600 dark:text-slate-400">
        {plan.networks.length > 0 ? (
          <span>Networks: {plan.networks.map((n) => `${n.name} (${n.action})`).join(", ")}</span>
        ) : null}
        {plan.volumes.length > 0 ? (
          <span>Volumes: {plan.volumes.map((v) => `${v.name} (${v.action})`).join(", ")}</span>
        ) : null}
        {plan.usage ? (
          <span data-testid="plan-usage">
            Tenant after this: {plan.usage.containers}/{plan.usage.limits.containers} containers ·{" "}
            {plan.usage.memoryMb}/{plan.usage.limits.memoryMb} MiB · {plan.usage.cpus}/
            {plan.usage.limits.cpus} CPUs
          </span>
        ) : null}
      </div>
      {plan.diff ? <FolderDiff commit={plan.commit} diff={plan.diff} /> : null}
      {plan.warnings.map((w) => (
        <p key={w} className="text-xs text-amber-700 dark:text-amber-400">
          ⚠ {w}
        </p>
      ))}
    </div>
  );
}

/** A folder source's plan (a repository's commit, or an archive): per service, what changed since the running revision. */
function FolderDiff({ commit, diff }: { commit?: string; diff: SpecChange[] }) {
  return (
    <div className="text-xs text-slate-600 dark:text-slate-400" data-testid="plan-diff">
      <p>
        {commit ? (
          <>
            Commit <span className="font-mono">{commit.slice(0, 12)}</span>
          </>
        ) : (
          "From the archive"
        )}
        {diff.length === 0 ? ": no service changed" : ":"}
      </p>
      {diff.length > 0 ? (
        <ul className="mt-1 list-inside list-disc">
          {diff.map((d) => (
            <li key={d.service}>
              <span className="font-mono">{d.service}</span>{" "}
              {d.change === "changed" ? `changed: ${d.keys.join(", ")}` : d.change}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const label = (a: PlanAction) =>
  ({ create: "create", update: "change", scale: "scale", remove: "remove", unchanged: "unchanged" })[a];
