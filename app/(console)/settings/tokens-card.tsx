"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { OneTimeSecret } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useTokenMutations, useTokens } from "@/lib/client/hooks/use-tokens";
import { TokenCreateInput } from "@/lib/validations/auth";

export function TokensCard() {
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
        className="mb-4 flex items-end gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const element = e.currentTarget;
          const input = form.parse({ name: new FormData(element).get("name") });
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
        <div className="flex-1">
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
