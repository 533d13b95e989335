"use client";
// Deploy from a template: its variables' form, a project and a host, then the same plan → streamed deploy as a
// new app. The first "Review plan" creates the app with the values typed (secret ones stored encrypted); a
// later one saves changed values and plans again. Typed values survive every error.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { HostSelect, ModeSelect } from "@/components/apps/host-options";
import { PlanAndProgress, usePlanDeploy } from "@/components/apps/plan-and-progress";
import { TemplateVariablesForm } from "@/components/templates/template-variables-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { bind, RecordOptions, SelectField, TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { api } from "@/lib/client/api";
import { parseForm } from "@/lib/client/form";
import { saveAppVariables } from "@/lib/client/hooks/use-app-variables";
import { streamChange, useAppMutations } from "@/lib/client/hooks/use-apps";
import { useHosts } from "@/lib/client/hooks/use-hosts";
import {
  AppCreateInput,
  type AppMode,
  type CreatedAppView,
  type PlanView as Plan,
} from "@/lib/validations/app";
import { VariablesInput } from "@/lib/validations/app-variables";
import type { TemplateView } from "@/lib/validations/template";

export type DeployProject = { id: string; name: string; tenantId: string; tenantName: string };

export function TemplateDeployView({
  template,
  projects,
}: {
  template: TemplateView;
  projects: DeployProject[];
}) {
  const router = useRouter();
  const hosts = useHosts();
  const { invalidate } = useAppMutations();
  const [name, setName] = useState(template.id);
  const [projectId, setProjectId] = useState(projects[0]?.id ?? "");
  const [hostId, setHostId] = useState("");
  const [mode, setMode] = useState<AppMode>("standalone");
  const [values, setValues] = useState(() =>
    Object.fromEntries(template.variables.map((v) => [v.name, v.default ?? ""])),
  );
  const [appId, setAppId] = useState<string | null>(null);
  const { plan, setPlan, busy, error, lines, step } = usePlanDeploy();
  const project = projects.find((p) => p.id === projectId);
  const granted = (hosts.data ?? []).filter((h) => project && h.tenantIds.includes(project.tenantId));
  const host = granted.find((h) => h.id === hostId) ?? granted[0];
  const compose = (mode === "swarm" && template.swarmCompose) || template.compose;
  const source = { type: "compose" as const, compose };
  const variables = template.variables
    .filter((v) => values[v.name] !== "")
    .map((v) => ({ name: v.name, value: values[v.name], secret: v.secret }));
  // The variables last sent (or checked): an error's `variables.<i>` is an index into that list.
  const [sent, setSent] = useState<{ name: string }[]>([]);
  const errors = byVariableName(fieldErrors(error), sent);

  const review = () =>
    step("plan", async () => {
      setSent(variables);
      if (!appId) {
        const body = { name, hostId: host?.id, mode, source, variables };
        // Checked here with the server's schema first: the same field errors, without a round trip.
        const checked = parseForm(AppCreateInput, body);
        if (!checked.ok) throw checked.error;
        const r = await api<CreatedAppView>(`/projects/${projectId}/apps`, { method: "POST", body });
        setAppId(r.app.id);
        setPlan(r.plan);
        void invalidate();
      } else {
        if (variables.length) {
          const checked = parseForm(VariablesInput, { variables });
          if (!checked.ok) throw checked.error;
          await saveAppVariables(appId, variables, "PATCH");
        }
        setPlan(await api<Plan>(`/apps/${appId}/plan`, { method: "POST", body: { source } }));
      }
    });

  async function deploy() {
    if (!appId) return;
    // Busy until the app's page opens.
    await step(
      "deploy",
      async (onLine) => {
        await streamChange(`/apps/${appId}/deploy`, { source }, onLine);
        void invalidate();
        router.push(`/apps/${appId}`);
      },
      true,
    );
  }

  if (projects.length === 0)
    return (
      <EmptyState title="No project to deploy into">
        Templates deploy into a project of a tenant where you are a developer or an owner. Create a project on
        the Projects page, or ask a tenant owner to make you a developer.
      </EmptyState>
    );
  const locked = appId !== null; // the app exists: its project, host, target and name are set
  return (
    <div className="space-y-4">
      <form
        aria-label={`Deploy ${template.name}`}
        onSubmit={(e) => {
          e.preventDefault();
          void review();
        }}
      >
        <Card title="Where">
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            <TextField
              label="App name"
              {...bind(name, setName)}
              required
              disabled={locked}
              error={errors.name}
              hint="Lowercase letters, digits and dashes"
            />
            <SelectField
              label="Project"
              {...bind(projectId, setProjectId)}
              disabled={locked}
              error={errors.projectId}
            >
              <RecordOptions of={projects} label={(p) => `${p.tenantName} / ${p.name}`} />
            </SelectField>
            <HostSelect
              hosts={granted}
              value={host?.id ?? ""}
              onChange={setHostId}
              disabled={locked || granted.length === 0}
              error={errors.hostId}
              hint={
                hosts.isPending
                  ? "Loading hosts…"
                  : granted.length === 0
                    ? "No host is granted to this tenant"
                    : ""
              }
            />
            <ModeSelect value={mode} onChange={setMode} disabled={locked} error={errors.mode} />
          </div>
          {locked ? (
            <p className="mt-3 text-xs text-slate-500">
              The app {name} exists now; change its variables and review the plan again, or deploy.
            </p>
          ) : null}
        </Card>
        <Card title="Variables" className="mt-4">
          <TemplateVariablesForm
            variables={template.variables}
            values={values}
            onChange={(v) => {
              setValues(v);
              setPlan(null);
            }}
            errors={errors}
          />
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-400">The compose file</summary>
            <pre className="mt-2 max-h-80 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs dark:bg-slate-950">
              {compose}
            </pre>
          </details>
          <div className="mt-4 space-y-3">
            <FormError error={error} />
            <div className="flex flex-wrap justify-end gap-2">
              <Button
                type="submit"
                variant="secondary"
                busy={busy === "plan"}
                disabled={busy !== null || !host}
              >
                Review plan
              </Button>
              <Button
                type="button"
                onClick={() => void deploy()}
                busy={busy === "deploy"}
                disabled={busy !== null || !plan || plan.changes === 0}
              >
                Deploy
              </Button>
            </div>
          </div>
        </Card>
      </form>
      <PlanAndProgress plan={plan} lines={lines} />
    </div>
  );
}

/**
 * The variables' field errors under the name each field shows them by (`variables.NAME`): the schema's
 * `variables.<i>.<key>` points into the list sent, which holds only the filled-in variables, in the template's order.
 */
function byVariableName(errors: Record<string, string>, sent: { name: string }[]): Record<string, string> {
  const out = { ...errors };
  for (const [key, message] of Object.entries(errors)) {
    const name = sent[Number(/^variables\.(\d+)\./.exec(key)?.[1] ?? NaN)]?.name;
    if (name) out[`variables.${name}`] ??= message;
  }
  return out;
}
