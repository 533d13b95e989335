"use client";
import { useState } from "react";
import type { OwnedFormProps } from "@/components/alerts/owned-list";
import { OwnerSelect } from "@/components/alerts/owner-select";
import { useOwnedForm } from "@/components/alerts/use-owned-form";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { errorUnder } from "@/components/ui/form-error";
import { onFormSubmit } from "@/lib/client/form";
import { useAlertMutations } from "@/lib/client/hooks/use-alerts";
import {
  AlertChannelCreateInput,
  AlertChannelUpdateInput,
  CHANNEL_KINDS,
  type AlertChannelView,
  type ChannelConfig,
  type ChannelKind,
} from "@/lib/validations/alerts";

const KIND_LABELS: Record<ChannelKind, string> = {
  webhook: "Webhook (signed JSON)",
  slack: "Slack (incoming webhook)",
  discord: "Discord (webhook)",
  email: "E-mail (SMTP)",
};

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

/** Add a channel, or rename one / replace its whole target (in OwnedList's dialog; secrets are never shown back). */
export function ChannelForm({ existing, ...props }: OwnedFormProps<AlertChannelView>) {
  const { createChannel, updateChannel } = useAlertMutations();
  const { form, errors, owner, setOwner, close, busy, save } = useOwnedForm({
    existing,
    ...props,
    create: { schema: AlertChannelCreateInput, mutation: createChannel },
    update: { schema: AlertChannelUpdateInput, mutation: updateChannel },
  });
  const [kind, setKind] = useState<ChannelKind>(existing?.kind ?? "webhook");
  const keep = !!existing;
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
        save(
          `Channel ${v("name")} saved`,
          { name: v("name"), config: blank ? undefined : config },
          (tenantId) => ({ tenantId, name: v("name"), config }),
        );
      })}
    >
      {existing ? null : (
        <OwnerSelect owners={props.owners} value={owner} onChange={setOwner} error={errors.tenantId} />
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
      <FormActions error={form.error} onCancel={close} busy={busy} />
    </form>
  );
}
