"use client";
import { useState } from "react";
import { toast } from "sonner";
import { OwnerSelect, type Owner } from "@/components/alerts/owner-select";
import { Dialog } from "@/components/ui/dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorUnder, fieldErrors } from "@/components/ui/form-error";
import { onFormSubmit, useSchemaForm } from "@/lib/client/form";
import { useAlertMutations } from "@/lib/client/hooks/use-alerts";
import {
  AlertChannelCreateInput,
  AlertChannelUpdateInput,
  CHANNEL_KINDS,
  type AlertChannelView,
  type ChannelConfig,
  type ChannelKind,
} from "@/lib/validations/alerts";

type Props = { editing: AlertChannelView | "new" | null; onClose: () => void; owners: Owner[] };

const KIND_LABELS: Record<ChannelKind, string> = {
  webhook: "Webhook (signed JSON)",
  slack: "Slack (incoming webhook)",
  discord: "Discord (webhook)",
  email: "E-mail (SMTP)",
};

/** Add a channel, or rename one / replace its whole target (secrets are never shown back). */
export function ChannelForm({ editing, onClose, owners }: Props) {
  const existing = editing && editing !== "new" ? editing : null;
  return (
    <Dialog open={!!editing} onClose={onClose} title={existing ? `Edit ${existing.name}` : "Add channel"}>
      {editing ? (
        <ChannelFields key={existing?.id ?? "new"} existing={existing} owners={owners} onClose={onClose} />
      ) : null}
    </Dialog>
  );
}

function configOf(kind: ChannelKind, v: (k: string) => string): ChannelConfig {
  if (kind === "email") {
    return {
      kind,
      host: v("host"),
      port: Number(v("port") || 587),
      secure: v("secure") === "on",
      username: v("username") || undefined,
      password: v("password") || undefined,
      from: v("from"),
      to: v("to")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    };
  }
  return kind === "webhook" ? { kind, url: v("url"), secret: v("secret") } : { kind, url: v("url") };
}

function ChannelFields({
  existing,
  owners,
  onClose,
}: {
  existing: AlertChannelView | null;
  owners: Owner[];
  onClose: () => void;
}) {
  const { createChannel, updateChannel } = useAlertMutations();
  const m = existing ? updateChannel : createChannel;
  const createForm = useSchemaForm(AlertChannelCreateInput, createChannel.error);
  const updateForm = useSchemaForm(AlertChannelUpdateInput, updateChannel.error);
  const form = existing ? updateForm : createForm;
  const errors = fieldErrors(form.error);
  const [owner, setOwner] = useState(existing ? (existing.tenantId ?? "") : (owners[0]?.id ?? ""));
  const [kind, setKind] = useState<ChannelKind>(existing?.kind ?? "webhook");
  const keep = !!existing;
  const close = () => {
    m.reset();
    form.reset();
    onClose();
  };
  /** A target field's name, its error (`config.<name>`, or one of its list's `config.<name>.<i>`), and whether a new channel needs it. */
  const target = (name: string, needed = true) => ({
    name,
    error: errors[`config.${name}`] ?? errorUnder(errors, `config.${name}.`),
    required: needed && !keep,
  });
  return (
    <form
      className="space-y-4"
      onSubmit={onFormSubmit((v) => {
        const config = configOf(kind, v);
        const blank = kind === "email" ? !v("host") : !v("url"); // editing: keep the stored target
        const done = () => {
          toast.success(`Channel ${v("name")} saved`);
          close();
        };
        if (existing) {
          const input = updateForm.parse({ name: v("name"), config: blank ? undefined : config });
          if (input) updateChannel.mutate({ id: existing.id, ...input }, { onSuccess: done });
        } else {
          const input = createForm.parse({ tenantId: owner || null, name: v("name"), config });
          if (input) createChannel.mutate(input, { onSuccess: done });
        }
      })}
    >
      {existing ? null : (
        <OwnerSelect owners={owners} value={owner} onChange={setOwner} error={errors.tenantId} />
      )}
      <TextField label="Name" name="name" required defaultValue={existing?.name} error={errors.name} />
      <SelectField
        label="Kind"
        name="kind"
        value={kind}
        onChange={(x) => setKind(CHANNEL_KINDS.find((k) => k === x.target.value) ?? "webhook")}
      >
        {CHANNEL_KINDS.map((k) => (
          <option key={k} value={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      {keep ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Now: {existing?.target}. Leave the fields below empty to keep the stored target, or fill them to
          replace it whole.
        </p>
      ) : null}
      {kind === "email" ? (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="sm:col-span-2">
              <TextField label="SMTP server" {...target("host")} placeholder="smtp.example.com" />
            </div>
            <TextField label="Port" type="number" defaultValue={587} {...target("port", false)} />
          </div>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="secure" /> TLS from the start (port 465); otherwise STARTTLS when
            offered
          </label>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="Username" autoComplete="off" {...target("username", false)} />
            <TextField
              label="Password"
              type="password"
              autoComplete="new-password"
              {...target("password", false)}
            />
          </div>
          <TextField label="From" type="email" {...target("from")} placeholder="wharf@example.com" />
          <TextField label="To" {...target("to")} hint="Comma-separated addresses." />
        </>
      ) : (
        <>
          <TextField
            label="URL"
            type="url"
            {...target("url")}
            hint="Must pass the egress policy; stored encrypted and never shown again (it usually holds a token)."
          />
          {kind === "webhook" ? (
            <TextField
              label="Signing secret"
              type="password"
              autoComplete="new-password"
              {...target("secret")}
              hint="At least 16 characters. Each request carries X-Wharf-Signature: sha256=HMAC(secret, timestamp.body)."
            />
          ) : null}
        </>
      )}
      <FormActions error={form.error} onCancel={close} busy={m.isPending} />
    </form>
  );
}
