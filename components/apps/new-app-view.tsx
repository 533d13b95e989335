"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { api } from "@/lib/client/api";
import type { VariableDraft } from "@/lib/client/hooks/use-app-variables";
import {
  fetchSample,
  useAppMutations,
  useHosts,
  type AppMode,
  type Plan,
  type Source,
} from "@/lib/client/hooks/use-apps";
import { SourceFlow } from "./source-flow";

export function NewAppView({
  projectId,
  tenantId,
  sample,
}: {
  projectId: string;
  tenantId: string;
  sample: boolean;
}) {
  const router = useRouter();
  const hosts = useHosts();
  const { invalidate } = useAppMutations(projectId);
  const granted = (hosts.data ?? []).filter((h) => h.tenantIds.includes(tenantId));
  const [name, setName] = useState(sample ? "voting-app" : "");
  const [hostId, setHostId] = useState("");
  const [mode, setMode] = useState<AppMode>("standalone");
  const [compose, setCompose] = useState<string | null>(sample ? null : "");
  const [createError, setCreateError] = useState<unknown>(null);
  const errors = fieldErrors(createError);
  const host = granted.find((h) => h.id === hostId) ?? granted[0];

  useEffect(() => {
    // The Swarm sample is the stack file (global vote, placement): it follows the target chosen.
    if (sample) void fetchSample(mode).then((s) => setCompose(s.compose));
  }, [sample, mode]);

  async function create(source: Source, variables?: VariableDraft[]): Promise<{ appId: string; plan: Plan }> {
    setCreateError(null);
    try {
      const r = await api<{ app: { id: string }; plan: Plan }>(`/projects/${projectId}/apps`, {
        method: "POST",
        body: { name, hostId: host?.id, mode, source, ...(variables?.length ? { variables } : {}) },
      });
      void invalidate();
      return { appId: r.app.id, plan: r.plan };
    } catch (e) {
      setCreateError(e);
      throw e;
    }
  }

  if (hosts.isPending || compose === null) return <p className="text-slate-500">Loading…</p>;
  if (granted.length === 0) {
    return (
      <EmptyState title="No host is granted to this tenant">
        Apps run on hosts an admin grants to your tenant. Ask an admin to grant one on the Hosts page, then
        come back.
      </EmptyState>
    );
  }
  return (
    <SourceFlow
      initial={{ type: "compose", compose }}
      onCreate={create}
      onDeployed={(id) => router.push(`/apps/${id}`)}
    >
      <div className="grid gap-4 md:grid-cols-3">
        <TextField
          label="App name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          placeholder="e.g. voting-app"
          error={errors.name}
          hint="Lowercase letters, digits and dashes"
        />
        <SelectField
          label="Host"
          value={host?.id ?? ""}
          onChange={(e) => setHostId(e.target.value)}
          error={errors.hostId}
        >
          {granted.map((h) => (
            <option key={h.id} value={h.id}>
              {h.name}
              {h.engine.swarmRole === "manager" ? " (Swarm manager)" : ""}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Target"
          value={mode}
          onChange={(e) => setMode(e.target.value as AppMode)}
          error={errors.mode}
          hint={
            mode === "swarm"
              ? "Services on overlay networks (docker stack deploy model)"
              : "Containers on this host"
          }
        >
          <option value="standalone">Standalone host</option>
          <option value="swarm">Swarm (the host is a manager)</option>
        </SelectField>
      </div>
    </SourceFlow>
  );
}
