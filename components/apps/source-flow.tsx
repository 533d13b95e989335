"use client";
// Edit a source (compose or image form) → review the plan → deploy with live progress. Used to
// create an app (onCreate makes the app on the first plan) and to change an existing one.
import dynamic from "next/dynamic";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { api } from "@/lib/client/api";
import {
  streamChange,
  type DeployResult,
  type Plan,
  type ProgressLine,
  type Source,
} from "@/lib/client/hooks/use-apps";
import { emptyImageForm, ImageForm, toImageSource, type ImageFormValues } from "./image-form";
import { PlanView } from "./plan-view";
import { ProgressLog } from "./progress-log";

// CodeMirror measures the DOM: render it in the browser only.
const ComposeEditor = dynamic(() => import("./compose-editor").then((m) => m.ComposeEditor), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading editor…</p>,
});

type Props = {
  appId?: string;
  initial?: { type: "compose" | "image"; compose?: string; image?: ImageFormValues };
  /** Creates the app and returns its id and first plan; called when there is no app yet. */
  onCreate?: (source: Source) => Promise<{ appId: string; plan: Plan }>;
  onDeployed: (appId: string, result: DeployResult) => void;
  disabled?: boolean;
  children?: React.ReactNode;
};

export function SourceFlow({ appId: existingId, initial, onCreate, onDeployed, disabled, children }: Props) {
  const [kind, setKind] = useState<"compose" | "image">(initial?.type ?? "compose");
  const [compose, setCompose] = useState(initial?.compose ?? "");
  const [image, setImage] = useState<ImageFormValues>(initial?.image ?? emptyImageForm);
  const [appId, setAppId] = useState(existingId);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [planned, setPlanned] = useState<string>("");
  const [busy, setBusy] = useState<"plan" | "deploy" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [lines, setLines] = useState<ProgressLine[]>([]);
  const source = (): Source =>
    kind === "compose" ? { type: "compose", compose } : { type: "image", image: toImageSource(image) };
  const key = JSON.stringify(source());
  const errors = fieldErrors(error);

  async function review() {
    setBusy("plan");
    setError(null);
    setPlan(null);
    try {
      if (!appId && onCreate) {
        const r = await onCreate(source());
        setAppId(r.appId);
        setPlan(r.plan);
      } else setPlan(await api<Plan>(`/apps/${appId}/plan`, { method: "POST", body: { source: source() } }));
      setPlanned(key);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  async function deploy() {
    if (!appId) return;
    setBusy("deploy");
    setError(null);
    setLines([]);
    try {
      const result = await streamChange(`/apps/${appId}/deploy`, { source: source() }, (l) =>
        setLines((prev) => [...prev, l]),
      );
      setPlan(null);
      onDeployed(appId, result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="space-y-4">
      <Card
        title="Source"
        actions={
          <div role="tablist" aria-label="Source type" className="flex gap-1">
            {(["compose", "image"] as const).map((k) => (
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
                {k === "compose" ? "Compose file" : "Image"}
              </Button>
            ))}
          </div>
        }
      >
        <div className="space-y-4">
          {children}
          {kind === "compose" ? (
            <ComposeEditor
              value={compose}
              onChange={(v) => {
                setCompose(v);
                setPlan(null);
                setError(null); // a refusal was about the previous text
              }}
              serverErrors={errors}
              refused={error != null}
            />
          ) : (
            <ImageForm
              values={image}
              onChange={(v) => {
                setImage(v);
                setPlan(null);
              }}
              errors={errors}
            />
          )}
          <FormError error={error} />
          <div className="flex justify-end gap-2">
            <Button
              variant="secondary"
              onClick={review}
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
      {plan ? <Card title="Plan">{<PlanView plan={plan} />}</Card> : null}
      {lines.length > 0 ? (
        <Card title="Progress">
          <ProgressLog lines={lines} />
        </Card>
      ) : null}
    </div>
  );
}
