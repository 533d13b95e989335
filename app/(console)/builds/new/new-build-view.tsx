"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { ScopedTags } from "@/components/builds/scoped-tags";
import { SecretArgsFields, type SecretArg } from "@/components/builds/secret-args-fields";
import {
  GitFields,
  InlineFields,
  SourceTabs,
  UploadFields,
  type ExtraFile,
  type SourceType,
} from "@/components/builds/source-fields";
import { Card } from "@/components/ui/card";
import { bindNamed, Field, RecordOptions, SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { SkeletonLines } from "@/components/ui/skeleton";
import { onFormSubmit, useSchemaForm } from "@/lib/client/form";
import { useBuildMutations, type BuildOptionsInput } from "@/lib/client/hooks/use-builds";
import { useHosts } from "@/lib/client/hooks/use-hosts";
import { useProjects } from "@/lib/client/hooks/use-projects";
import { useRegistries } from "@/lib/client/hooks/use-registries";
import { useTenants } from "@/lib/client/hooks/use-tenants";
import { BuildCreateInput, BuildUploadSpec } from "@/lib/validations/build";

const tagList = (raw: string) => raw.split(/[\s,]+/).filter(Boolean);

/** "KEY=value" lines → build args (blank lines and # comments skipped). */
function parseArgs(raw: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of raw
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))) {
    const eq = line.indexOf("=");
    out[eq < 0 ? line : line.slice(0, eq)] = eq < 0 ? "" : line.slice(eq + 1);
  }
  return out;
}

export function NewBuildView({ isAdmin, contextMaxBytes }: { isAdmin: boolean; contextMaxBytes: number }) {
  const router = useRouter();
  const params = useSearchParams();
  const tenants = useTenants();
  const projects = useProjects();
  const hosts = useHosts();
  const { create, upload } = useBuildMutations();
  const [source, setSource] = useState<SourceType>("inline");
  const [files, setFiles] = useState<ExtraFile[]>([]);
  const [dockerfileText, setDockerfileText] = useState("");
  const [tags, setTags] = useState("");
  const [registryId, setRegistryId] = useState("");
  const [secretArgs, setSecretArgs] = useState<SecretArg[]>([]);
  const writable = useMemo(
    () => new Set(tenants.data?.filter((t) => t.role === "owner" || t.role === "developer").map((t) => t.id)),
    [tenants.data],
  );
  const choices = projects.data?.filter((p) => writable.has(p.tenantId)) ?? [];
  const [projectId, setProjectId] = useState(params.get("projectId") ?? "");
  const project = choices.find((p) => p.id === projectId) ?? choices[0];
  const registries = useRegistries(project?.tenantId);
  const tenantSlug = tenants.data?.find((t) => t.id === project?.tenantId)?.slug ?? "";
  const registryHost = registries.data?.find((r) => r.id === registryId)?.host;
  const active = source === "upload" ? upload : create;
  // Checked with the server's schemas before sending: an upload's spec, or the whole git/inline request.
  const uploadForm = useSchemaForm(BuildUploadSpec, upload.error);
  const createForm = useSchemaForm(BuildCreateInput, create.error);
  const form = source === "upload" ? uploadForm : createForm;
  const raw = fieldErrors(form.error);
  const secretNames = new Set(secretArgs.map((a) => a.name));
  // An error on a secret arg's name (buildArgs.<name>) belongs next to the secret rows, not the plain ones.
  const errors = Object.fromEntries(
    Object.entries(raw).map(([k, v]) => [
      secretNames.has(k.replace(/^buildArgs\./, ""))
        ? "secretArgs"
        : k.replace(/^(tags|buildArgs|secretArgs)\..*$/, "$1"),
      v,
    ]),
  );

  const submit = onFormSubmit((text, f) => {
    const opts: BuildOptionsInput = {
      projectId: text("projectId"),
      hostId: text("hostId"),
      dockerfile: text("dockerfile") || "Dockerfile",
      // A name both plain and secret is secret: its value comes from the secret rows.
      buildArgs: {
        ...parseArgs(text("buildArgs")),
        ...Object.fromEntries(secretArgs.filter((a) => a.name).map((a) => [a.name, a.value])),
      },
      secretArgs: secretArgs.map((a) => a.name).filter(Boolean),
      target: text("target") || undefined,
      tags: tagList(tags),
      registryId: text("registryId") || undefined,
    };
    const go = (b: { id: string }) => router.push(`/builds/${b.id}`);
    if (source === "upload") {
      const file = f.get("context");
      const spec = uploadForm.parse(opts);
      if (spec && file instanceof File && file.size > 0) upload.mutate({ spec, file }, { onSuccess: go });
      return;
    }
    const input = createForm.parse(
      source === "git"
        ? {
            ...opts,
            sourceType: "git",
            git: {
              url: text("git.url"),
              ref: text("git.ref") || undefined,
              username: text("git.username") || undefined,
              password: String(f.get("git.password") ?? "") || undefined,
            },
          }
        : {
            ...opts,
            sourceType: "inline",
            inline: { dockerfile: dockerfileText, files: files.filter((x) => x.path) },
          },
    );
    if (input) create.mutate(input, { onSuccess: go });
  });

  if (projects.isPending || tenants.isPending || hosts.isPending) return <SkeletonLines lines={6} />;
  if (choices.length === 0)
    return (
      <p className="text-slate-600 dark:text-slate-400">
        You need the developer role in a project&apos;s tenant to start builds. Create a project first, or ask
        a tenant owner.
      </p>
    );
  return (
    <form onSubmit={submit} className="max-w-3xl space-y-6" aria-label="New build">
      <Card title="Where">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label="Project"
            name="projectId"
            value={project?.id}
            onChange={(e) => {
              setProjectId(e.target.value);
              setRegistryId(""); // registries belong to the tenant
            }}
            error={errors.projectId}
          >
            <RecordOptions of={choices} label={(p) => `${p.name} (${p.tenantName})`} />
          </SelectField>
          <SelectField
            label="Build on host"
            name="hostId"
            error={errors.hostId}
            hint={hosts.data?.length ? undefined : "No host is granted to your tenants yet; ask an admin."}
          >
            <RecordOptions of={hosts.data} />
          </SelectField>
        </div>
      </Card>
      <Card title="What">
        <div className="space-y-4">
          <SourceTabs value={source} onChange={setSource} />
          {source === "git" ? (
            <GitFields errors={errors} isAdmin={isAdmin} />
          ) : source === "upload" ? (
            <UploadFields errors={errors} maxBytes={contextMaxBytes} />
          ) : (
            <InlineFields
              errors={errors}
              dockerfile={dockerfileText}
              setDockerfile={setDockerfileText}
              files={files}
              setFiles={setFiles}
            />
          )}
        </div>
      </Card>
      <Card title="How">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Dockerfile path"
            name="dockerfile"
            defaultValue="Dockerfile"
            error={errors.dockerfile}
            hint="Relative to the context root."
          />
          <TextField label="Target stage (optional)" name="target" error={errors.target} />
          <TextField
            label="Tags"
            {...bindNamed("tags", tags, setTags, errors)}
            placeholder="web:1.0 web:latest"
            hint="Image names with a tag, separated by spaces."
          />
          <SelectField
            label="Push to registry (optional)"
            {...bindNamed("registryId", registryId, setRegistryId, errors)}
          >
            <option value="">Do not push</option>
            <RecordOptions of={registries.data} label={(r) => `${r.name} (${r.host})`} />
          </SelectField>
          {project ? (
            <div className="sm:col-span-2">
              <ScopedTags
                tags={tagList(tags)}
                tenantSlug={tenantSlug}
                projectSlug={project.slug}
                registryHost={registryHost}
              />
            </div>
          ) : null}
          <div className="sm:col-span-2">
            <Field
              label="Build args (optional)"
              error={errors.buildArgs}
              hint="One KEY=value per line, shown to everyone who can read this build. Secrets go below."
            >
              {(p) => (
                <textarea
                  {...p}
                  name="buildArgs"
                  rows={3}
                  spellCheck={false}
                  className={`${p.className} font-mono text-xs`}
                />
              )}
            </Field>
          </div>
          <div className="sm:col-span-2">
            <SecretArgsFields args={secretArgs} setArgs={setSecretArgs} error={errors.secretArgs} />
          </div>
        </div>
      </Card>
      <FormActions
        error={form.error}
        onCancel={() => router.back()}
        busy={active.isPending}
        submit="Start build"
      />
    </form>
  );
}
