"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OneTimeSecret } from "@/components/ui/copy-button";
import { FieldNote, TextField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useTokenMutations, useTokens } from "@/lib/client/hooks/use-tokens";
import { TokenCreateInput } from "@/lib/validations/auth";

/** The scopes a token can get; `metrics` only for admins and ops (the server refuses it to anyone else). */
const SCOPE_CHOICES = [
  { scope: "api", label: "API", hint: "everything you may do, with your roles" },
  { scope: "metrics", label: "Metrics", hint: "GET /metrics only: for a Prometheus server's configuration" },
] as const;

export function TokensCard({ canScrape }: { canScrape: boolean }) {
  const tokens = useTokens();
  const { create, revoke } = useTokenMutations();
  const [fresh, setFresh] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);
  const form = useSchemaForm(TokenCreateInput, create.error);
  const errors = fieldErrors(form.error);
  return (
    <Card title="API tokens">
      <p className="mb-3 text-slate-600 dark:text-slate-400">
        Use a token as <code className="font-mono text-xs">Authorization: Bearer …</code> against{" "}
        <code className="font-mono text-xs">/api/v1</code>. It acts with your roles.
      </p>
      {fresh ? (
        <div role="status" className="mb-3 rounded-md bg-emerald-50 p-3 dark:bg-emerald-950">
          <p className="mb-1 text-emerald-800 dark:text-emerald-200">
            Copy your new token now — it will not be shown again.
          </p>
          <OneTimeSecret value={fresh} testId="new-token" />
        </div>
      ) : null}
      <form
        className="mb-4 flex flex-wrap items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const element = e.currentTarget;
          const data = new FormData(element);
          const input = form.parse({ name: data.get("name"), scopes: data.getAll("scopes") });
          if (input)
            create.mutate(input, {
              onSuccess: (t) => {
                setFresh(t.token);
                element.reset();
                toast.success("Token created: copy it now");
              },
            });
        }}
      >
        <div className="min-w-48 flex-1">
          <TextField
            label="Token name"
            name="name"
            required
            placeholder="e.g. CI pipeline"
            error={errors.name}
          />
        </div>
        <Button type="submit" busy={create.isPending}>
          Create token
        </Button>
        {canScrape ? (
          <fieldset className="w-full" aria-describedby={errors.scopes ? "token-scopes-error" : undefined}>
            <legend className="mb-1 text-xs font-medium text-slate-700 dark:text-slate-300">Scopes</legend>
            {SCOPE_CHOICES.map((c) => (
              <label key={c.scope} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="scopes"
                  value={c.scope}
                  defaultChecked={c.scope === "api"}
                  className="size-4 rounded"
                />
                <span>
                  {c.label} <span className="text-xs text-slate-500">— {c.hint}</span>
                </span>
              </label>
            ))}
            <FieldNote id="token-scopes" error={errors.scopes} />
          </fieldset>
        ) : (
          <input type="hidden" name="scopes" value="api" />
        )}
      </form>
      {tokens.data?.length === 0 ? (
        <p className="text-slate-500">No tokens yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {tokens.data?.map((t) => (
            <li key={t.id} className="flex items-center justify-between py-2">
              <span>
                <span className="font-medium">{t.name}</span>{" "}
                <span className="font-mono text-xs text-slate-500">{t.prefix}…</span>
                {t.scopes.map((scope) => (
                  <span key={scope} className="ml-1">
                    <Badge tone={scope === "metrics" ? "blue" : "gray"}>{scope}</Badge>
                  </span>
                ))}
                <span className="block text-xs text-slate-500">
                  created {new Date(t.createdAt).toLocaleDateString()} ·{" "}
                  {t.lastUsedAt ? `last used ${new Date(t.lastUsedAt).toLocaleString()}` : "never used"}
                </span>
              </span>
              <Button size="sm" variant="ghost" onClick={() => setRevoking(t)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={!!revoking}
        title={`Revoke token ${revoking?.name ?? ""}?`}
        confirmLabel="Revoke token"
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => toast.success(`Token ${revoking.name} revoked`),
            onSettled: () => setRevoking(null),
          })
        }
      >
        <p>Requests using it are refused from now on. Scripts and pipelines that use it stop working.</p>
      </ConfirmDialog>
    </Card>
  );
}
