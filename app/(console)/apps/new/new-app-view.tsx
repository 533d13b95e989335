"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { HostSelect, ModeSelect } from "@/components/apps/host-options";
import { emptyImageForm } from "@/components/apps/image-form";
import { SourceFlow } from "@/components/apps/source-flow";
import { EmptyState } from "@/components/ui/empty-state";
import { bind, RecordOptions, SelectField, TextField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { SkeletonLines } from "@/components/ui/skeleton";
import { api } from "@/lib/client/api";
import { parseForm } from "@/lib/client/form";
import type { VariableDraft } from "@/lib/client/hooks/use-app-variables";
import { fetchSample, useAppMutations, type SourceDraft } from "@/lib/client/hooks/use-apps";
import { useHosts } from "@/lib/client/hooks/use-hosts";
import {
  AppCreateInput,
  AppFromBuildInput,
  type AppMode,
  type CreatedAppView,
  type PlanView,
} from "@/lib/validations/app";

/** "Deploy this image" of a finished build: its pinned image, the host holding it, its tenant's projects. */
export type FromBuild = {
  id: string;
  image: string;
  /** The image as the developer named it (`web:1.0`): the app's default name and the form's note. */
  imageName: string;
  hostId: string;
  projects: { id: string; name: string }[];
};

/** `team/web:1.0` → `web`, a valid app name (lowercase letters, digits, dashes). */
const appNameOf = (imageName: string) =>
  (imageName.split(":")[0].split("/").pop() ?? "")
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

export function NewAppView({
  projectId: initialProjectId,
  tenantId,
  sample,
  fromBuild,
}: {
  projectId: string;
  tenantId: string;
  sample: boolean;
  fromBuild?: FromBuild;
}) {
  const router = useRouter();
  const hosts = useHosts();
  const [projectId, setProjectId] = useState(initialProjectId);
  const { invalidate } = useAppMutations(projectId);
  // A build's image is only on the host that built it.
  const granted = (hosts.data ?? []).filter(
    (h) => h.tenantIds.includes(tenantId) && (!fromBuild || h.id === fromBuild.hostId),
  );
  const [name, setName] = useState(sample ? "voting-app" : fromBuild ? appNameOf(fromBuild.imageName) : "");
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

  /** From a build, the server takes the image from the build's record: the request carries everything else. */
  const createRequest = (source: SourceDraft) => {
    if (!fromBuild || source.type !== "image")
      return { path: `/projects/${projectId}/apps`, schema: AppCreateInput, body: { source } };
    const { image: _named, ...image } = source.image;
    return { path: `/builds/${fromBuild.id}/app`, schema: AppFromBuildInput, body: { projectId, image } };
  };

  async function create(
    source: SourceDraft,
    variables?: VariableDraft[],
  ): Promise<{ appId: string; plan: PlanView | null }> {
    setCreateError(null);
    try {
      const common = { name, hostId: host?.id, mode, ...(variables?.length ? { variables } : {}) };
      const { path, schema, body } = createRequest(source);
      // Checked here with the server's schema first: the same field errors, without a round trip.
      const checked = parseForm(schema, { ...common, ...body });
      if (!checked.ok) throw checked.error;
      const r = await api<CreatedAppView>(path, { method: "POST", body: { ...common, ...body } });
      void invalidate();
      return { appId: r.app.id, plan: r.plan };
    } catch (e) {
      setCreateError(e);
      throw e;
    }
  }

  if (hosts.isPending || compose === null) return <SkeletonLines lines={6} />;
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
      projectId={projectId}
      initial={
        fromBuild
          ? { type: "image", image: { ...emptyImageForm, image: fromBuild.image } }
          : { type: "compose", compose }
      }
      fixedImage={
        fromBuild
          ? { note: `Built as ${fromBuild.imageName || "an untagged image"}; pinned by its image id.` }
          : undefined
      }
      onCreate={create}
      onDeployed={(id) => router.push(`/apps/${id}`)}
    >
      <div className={`grid gap-4 ${fromBuild ? "md:grid-cols-2 xl:grid-cols-4" : "md:grid-cols-3"}`}>
        {fromBuild ? (
          <SelectField label="Project" {...bind(projectId, setProjectId)} error={errors.projectId}>
            <RecordOptions of={fromBuild.projects} />
          </SelectField>
        ) : null}
        <TextField
          label="App name"
          {...bind(name, setName)}
          required
          placeholder="e.g. voting-app"
          error={errors.name}
          hint="Lowercase letters, digits and dashes"
        />
        <HostSelect
          hosts={granted}
          value={host?.id ?? ""}
          onChange={setHostId}
          error={errors.hostId}
          hint={fromBuild ? "The host the image was built on" : undefined}
        />
        <ModeSelect
          value={mode}
          onChange={setMode}
          error={errors.mode}
          hint={
            mode === "swarm"
              ? "Services on overlay networks (docker stack deploy model)"
              : "Containers on this host"
          }
        />
      </div>
    </SourceFlow>
  );
}
