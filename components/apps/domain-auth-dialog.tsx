"use client";
// Edit a domain's basic auth in place: set or replace the user name and password, or remove it (asked twice,
// since the site becomes public). The password is hashed by the server and never shown back.
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useUpdateDomainAuth, type DomainView } from "@/lib/client/hooks/use-domains";
import { DomainUpdateInput } from "@/lib/validations/domain";

export function DomainAuthDialog(p: { appId: string; domain: DomainView | null; onClose: () => void }) {
  const d = p.domain;
  const update = useUpdateDomainAuth(p.appId);
  const form = useSchemaForm(DomainUpdateInput, update.error);
  const [username, setUsername] = useState(d?.basicAuthUser ?? "");
  const [password, setPassword] = useState("");
  const [confirmRemove, setConfirmRemove] = useState(false);
  const errors = fieldErrors(form.error);
  if (!d) return null;
  const send = (basicAuth: { username: string; password: string } | null) => {
    const input = form.parse({ basicAuth });
    if (!input) return;
    update.mutate(
      { id: d.id, body: input },
      {
        onSuccess: () => {
          toast.success(basicAuth ? `Password set for ${d.host}` : `${d.host} is public again`);
          p.onClose();
        },
      },
    );
  };
  return (
    <Dialog open onClose={p.onClose} title={`Basic auth for ${d.host}`}>
      <form
        className="space-y-3"
        aria-label="Basic auth"
        onSubmit={(e) => {
          e.preventDefault();
          send({ username, password });
        }}
      >
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {d.basicAuthUser
            ? `Visitors give the user name ${d.basicAuthUser} and a password. Set a new one to replace it.`
            : "Visitors will have to give this user name and password."}
        </p>
        <TextField
          label="User name"
          autoComplete="off"
          value={username}
          error={errors["basicAuth.username"]}
          onChange={(e) => setUsername(e.target.value)}
        />
        <TextField
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="8–72 bytes; stored as a bcrypt hash, never shown again"
          value={password}
          error={errors["basicAuth.password"]}
          onChange={(e) => setPassword(e.target.value)}
        />
        <FormError error={form.error} />
        <div className="flex flex-wrap justify-end gap-2">
          {d.basicAuthUser ? (
            <Button
              type="button"
              variant={confirmRemove ? "danger" : "secondary"}
              className="mr-auto"
              disabled={update.isPending}
              onClick={() => (confirmRemove ? send(null) : setConfirmRemove(true))}
            >
              {confirmRemove ? "Yes, make the site public" : "Remove password"}
            </Button>
          ) : null}
          <Button type="button" variant="secondary" onClick={p.onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={update.isPending}>
            {d.basicAuthUser ? "Replace password" : "Set password"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
