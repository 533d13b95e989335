"use client";
// Edit a source (compose or image form) → review the plan → deploy with live progress. Used to
// create an app (onCreate makes the app on the first plan) and to change an existing one.
import { useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { api, ClientApiError } from "@/lib/client/api";
import { parseForm } from "@/lib/client/form";
import { saveAppVariables, type VariableDraft } from "@/lib/client/hooks/use-app-variables";
import { appKeys, streamChange, uploadAppArchive, type SourceDraft } from "@/lib/client/hooks/use-apps";
import { ApplyInput, type DeployResultView, type PlanView as Plan } from "@/lib/validations/app";
import { ArchiveForm, emptyArchiveForm, toArchiveSource, type ArchiveFormValues } from "./archive-form";
import { emptyImageForm, ImageForm, toImageSource, type ImageFormValues } from "./image-form";
import { draftOf, MissingVariablesForm, missingFrom, type VariableValues } from "./missing-variables-form";
import { PlanAndProgress, usePlanDeploy } from "./plan-and-progress";
import {
  emptyRepositoryForm,
  RepositoryForm,
  toRepositorySource,
  type RepositoryFormValues,
} from "./repository-form";

// CodeMirror measures the DOM: render it in the browser only.
const ComposeEditor = dynamic(() => import("./compose-editor").then((m) => m.ComposeEditor), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading editor…</p>,
});

type SourceKind = "compose" | "image" | "repository" | "archive";
const KIND_LABEL: Record<SourceKind, string> = {
  compose: "Compose file",
  repository: "Repository",
  archive: "Archive",
  image: "Image",
};

type Props = {
  appId?: string;
  /** The project an archive is uploaded to (the app's, or the new app's). */
  projectId: string;
  initial?: {
    type: SourceKind;
    compose?: string;
    image?: ImageFormValues;
    repository?: RepositoryFormValues;
    archive?: ArchiveFormValues;
  };
  /** Creates the app (with the variables a first plan asked for) and returns its id and first plan. */
  onCreate?: (
    source: SourceDraft,
    variables?: VariableDraft[],
  ) => Promise<{ appId: string; plan: Plan | null }>;
  onDeployed: (appId: string, result: DeployResultView) => void;
  disabled?: boolean;
  /** Only the image form, with this image read-only (a build's own image): the note says where it comes from. */
  fixedImage?: { note: string };
  children?: React.ReactNode;
};

export function SourceFlow({
  appId: existingId,
  projectId,
  initial,
  onCreate,
  onDeployed,
  disabled,
  fixedImage,
  children,
}: Props) {
  const [kind, setKind] = useState<SourceKind>(initial?.type ?? "compose");
  const [repository, setRepository] = useState<RepositoryFormValues>(
    initial?.repository ?? emptyRepositoryForm,
  );
  const [archive, setArchive] = useState<ArchiveFormValues>(initial?.archive ?? emptyArchiveForm);
  const [compose, setCompose] = useState(initial?.compose ?? "");
  const [image, setImage] = useState<ImageFormValues>(initial?.image ?? emptyImageForm);
  const [appId, setAppId] = useState(existingId);
  const { plan, setPlan, busy, error, clearError, lines, step } = usePlanDeploy();
  const [planned, setPlanned] = useState<string>("");
  const queryClient = useQueryClient();
  // Typed values survive every error: the missing-variables form shows them again if asked again.
  const [vars, setVars] = useState<VariableValues>({});
  const [missing, setMissing] = useState<[string, string][]>([]);
  const sourceOf = (a: ArchiveFormValues): SourceDraft =>
    kind === "compose"
      ? { type: "compose", compose }
      : kind === "repository"
        ? { type: "repository", repository: toRepositorySource(repository) }
        : kind === "archive"
          ? { type: "archive", archive: toArchiveSource(a) }
          : { type: "image", image: toImageSource(image) };
  const source = () => sourceOf(archive);
  const key = JSON.stringify(source());
  const errors = fieldErrors(error);
  /** Editing the source drops the plan made from the old one; `clear` also drops a refusal of the old one. */
  const edits =
    <T,>(set: (v: T) => void, clear = false) =>
    (v: T) => {
      set(v);
      setPlan(null);
      if (clear) clearError();
    };

  /** The archive chosen is uploaded once, before its first plan; the plan then names the upload. */
  async function uploaded(): Promise<SourceDraft> {
    if (kind !== "archive" || archive.uploaded) return source();
    if (!archive.file)
      throw new ClientApiError(422, "invalid", "archive: choose a tar, tar.gz or zip file", {
        archive: "choose a tar, tar.gz or zip file",
      });
    const next = { ...archive, uploaded: await uploadAppArchive(projectId, archive.file) };
    setArchive(next);
    return sourceOf(next);
  }

  const review = (variables?: VariableDraft[]) =>
    step("plan", async () => {
      try {
        const draft = await uploaded();
        if (!appId && onCreate) {
          const r = await onCreate(draft, variables);
          setAppId(r.appId);
          setPlan(r.plan);
        } else if (appId) {
          const checked = parseForm(ApplyInput, { source: draft });
          if (!checked.ok) throw checked.error;
          if (variables) await saveAppVariables(appId, variables, "PATCH");
          setPlan(await api<Plan>(`/apps/${appId}/plan`, { method: "POST", body: { source: draft } }));
        }
        setPlanned(JSON.stringify(draft));
        setMissing([]);
      } catch (e) {
        if (e instanceof ClientApiError && e.code === "missing_variables")
          setMissing(missingFrom(e.fields ?? {}));
        throw e;
      }
    });

  /** Every value typed so far goes with a new app; an existing one gets only the names asked for. */
  const filledVariables = (): VariableDraft[] =>
    (appId ? missing.map(([n]) => n) : [...new Set([...Object.keys(vars), ...missing.map(([n]) => n)])]).map(
      (name) => ({ name, ...draftOf(vars, name) }),
    );

  async function deploy() {
    if (!appId) return;
    await step("deploy", async (onLine) => {
      try {
        const checked = parseForm(ApplyInput, { source: source() });
        if (!checked.ok) throw checked.error;
        const result = await streamChange(`/apps/${appId}/deploy`, { source: source() }, onLine);
        setPlan(null);
        onDeployed(appId, result);
      } finally {
        // The server kept this deploy's lines with its revision: the app page's "Last deploy" shows them.
        void queryClient.invalidateQueries({ queryKey: appKeys.lastDeploy(appId) });
      }
    });
  }

  return (
    <div className="space-y-4">
      <Card
        title="Source"
        actions={
          fixedImage ? null : (
            <div role="tablist" aria-label="Source type" className="flex flex-wrap justify-end gap-1">
              {(["compose", "repository", "archive", "image"] as const).map((k) => (
                <Button
                  key={k}
                  role="tab"
                  aria-selected={kind === k}
                  size="sm"
                  variant={kind === k ? "primary" : "ghost"}
                  onClick={() => {
                    setKind(k);
                    setPlan(null);
                  }}
                >
                  {KIND_LABEL[k]}
                </Button>
              ))}
            </div>
          )
        }
      >
        <div className="space-y-4">
          {children}
          {kind === "compose" ? (
            <ComposeEditor
              value={compose}
              onChange={edits(setCompose, true)}
              serverErrors={errors}
              refused={error != null}
            />
          ) : kind === "archive" ? (
            <ArchiveForm values={archive} onChange={edits(setArchive, true)} errors={errors} />
          ) : kind === "repository" ? (
            <RepositoryForm values={repository} onChange={edits(setRepository)} errors={errors} />
          ) : (
            <ImageForm
              values={image}
              onChange={edits(setImage)}
              errors={errors}
              fixedImage={fixedImage?.note}
            />
          )}
          <FormError error={error} />
          {missing.length > 0 ? (
            <MissingVariablesForm
              missing={missing}
              values={vars}
              onChange={setVars}
              variables={filledVariables()}
              error={error}
              onSubmit={() => void review(filledVariables())}
              busy={busy === "plan"}
            />
          ) : null}
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              onClick={() => void review(appId ? undefined : filledVariables())}
              busy={busy === "plan"}
              disabled={disabled || busy !== null}
            >
              Review plan
            </Button>
            <Button
              onClick={deploy}
              busy={busy === "deploy"}
              disabled={disabled || busy !== null || !plan || planned !== key || plan.changes === 0}
            >
              Deploy
            </Button>
          </div>
        </div>
      </Card>
      <PlanAndProgress plan={plan} lines={lines} />
    </div>
  );
}
