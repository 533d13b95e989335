"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useAppHook, useAppHookMutations } from "@/lib/client/hooks/use-builds";
import { AppBuildSourcePut } from "@/lib/validations/build";

/**
 * An app's build source (git URL, ref, Dockerfile, service) and its webhook: the URL and secret to
 * paste into GitHub or Gitea. A signed push rebuilds the source and deploys it as a new revision.
 */
export function AppWebhookDialog({
  app,
  onClose,
}: {
  app: { id: string; name: string } | null;
  onClose: () => void;
}) {
  const hook = useAppHook(app?.id ?? null);
  const { save, remove } = useAppHookMutations(app?.id ?? "");
  const [reveal, setReveal] = useState(false);
  const form = useSchemaForm(AppBuildSourcePut, save.error);
  const errors = fieldErrors(form.error);
  const src = hook.data?.source;
  const close = () => {
    save.reset();
    form.reset();
    setReveal(false);
    onClose();
  };
  const url = hook.data
    ? `${typeof window === "undefined" ? "" : window.location.origin}${hook.data.url}`
    : "";
  return (
    <Dialog open={!!app} onClose={close} title={`Build from source: ${app?.name ?? ""}`}>
      {hook.isPending ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <form
          key={hook.data?.configured ? "set" : "new"}
          className="space-y-3"
          onSubmit={form.onSubmit(
            (text, f) => ({
              git: {
                url: text("git.url"),
                ref: text("git.ref") || undefined,
                username: text("git.username") || undefined,
                password: String(f.get("git.password") ?? "") || undefined,
              },
              dockerfile: text("dockerfile") || undefined,
              service: text("service") || undefined,
            }),
            (input) => save.mutate(input),
          )}
        >
          <TextField
            label="Repository URL"
            name="git.url"
            required
            defaultValue={src?.git.url}
            error={errors["git.url"]}
            placeholder="https://git.example.com/team/app.git"
          />
          <div className="grid grid-cols-2 gap-3">
            <TextField
              label="Branch or tag"
              name="git.ref"
              defaultValue={src?.git.ref}
              error={errors["git.ref"]}
              placeholder="main"
            />
            <TextField
              label="Dockerfile path"
              name="dockerfile"
              defaultValue={src?.dockerfile ?? "Dockerfile"}
              error={errors.dockerfile}
            />
            <TextField
              label="Service to update"
              name="service"
              defaultValue={src?.service}
              error={errors.service}
              hint="Empty: the app's only service."
            />
            <TextField
              label="Username (https)"
              name="git.username"
              defaultValue={src?.git.username}
              autoComplete="off"
              error={errors["git.username"]}
            />
          </div>
          <TextField
            label="Password or token (https)"
            name="git.password"
            type="password"
            autoComplete="new-password"
            error={errors["git.password"]}
            hint={
              src?.git.hasPassword
                ? "A token is stored; leave empty to keep it."
                : "Stored encrypted; never shown again."
            }
          />
          <FormError error={form.error} />
          {hook.data?.configured && hook.data.secret ? (
            <div
              className="space-y-2 rounded-md bg-slate-50 p-3 text-xs dark:bg-slate-800/60"
              data-testid="webhook-details"
            >
              <p>Webhook URL (content type application/json, HMAC-SHA256 signature):</p>
              <span className="flex items-center gap-2">
                <code className="block min-w-0 flex-1 font-mono break-all">{url}</code>
                <CopyButton value={url} label="Copy URL" />
              </span>
              <p className="flex items-center gap-2">
                Secret:{" "}
                <code className="font-mono break-all">{reveal ? hook.data.secret : "••••••••••••"}</code>
                <Button type="button" size="sm" variant="ghost" onClick={() => setReveal(!reveal)}>
                  {reveal ? "Hide" : "Show"}
                </Button>
                <CopyButton value={hook.data.secret} label="Copy secret" />
              </p>
            </div>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            {hook.data?.configured ? (
              <Button
                type="button"
                variant="ghost"
                onClick={() => remove.mutate(undefined, { onSuccess: close })}
              >
                Remove
              </Button>
            ) : null}
            {hook.data?.configured ? (
              <Button
                type="button"
                variant="secondary"
                busy={save.isPending}
                onClick={(e) => {
                  const f = new FormData(e.currentTarget.form!);
                  const input = form.parse({
                    git: { url: String(f.get("git.url")), ref: String(f.get("git.ref") || "") || undefined },
                    dockerfile: String(f.get("dockerfile") || "Dockerfile"),
                    service: String(f.get("service") || "") || undefined,
                    rotateSecret: true,
                  });
                  if (input) save.mutate(input);
                }}
              >
                New secret
              </Button>
            ) : null}
            <Button type="button" variant="secondary" onClick={close}>
              Close
            </Button>
            <Button type="submit" busy={save.isPending}>
              {hook.data?.configured ? "Save" : "Check and save"}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
