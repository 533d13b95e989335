"use client";
import { useState } from "react";
import type { OwnedFormProps } from "@/components/alerts/owned-list";
import { OwnerSelect } from "@/components/alerts/owner-select";
import { useOwnedForm } from "@/components/alerts/use-owned-form";
import { SelectField, TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { onFormSubmit } from "@/lib/client/form";
import { useAlertChannels, useAlertMutations } from "@/lib/client/hooks/use-alerts";
import {
  ALERT_KIND_LABELS,
  ALERT_KINDS,
  HOST_ALERT_KINDS,
  ALERT_SEVERITIES,
  AlertRuleCreateInput,
  AlertRuleUpdateInput,
  AlertSeverity,
  type AlertKind,
  type AlertRuleView,
} from "@/lib/validations/alerts";

/** What N means for each kind that has one. */
const THRESHOLD_LABELS: Partial<Record<AlertKind, string>> = {
  restarts: "More than (N)",
  host_disk: "Above (N %)",
  container_cpu: "Above (N % of a core)",
  container_memory: "Above (N MiB)",
  certificate_expiry: "Within (N days)",
};

/** Add or edit a rule (in OwnedList's dialog); its channels must belong to the same owner. */
export function RuleForm({ existing, ...props }: OwnedFormProps<AlertRuleView>) {
  const { createRule, updateRule } = useAlertMutations();
  const { form, errors, owner, setOwner, close, busy, save } = useOwnedForm({
    existing,
    ...props,
    create: { schema: AlertRuleCreateInput, mutation: createRule },
    update: { schema: AlertRuleUpdateInput, mutation: updateRule },
  });
  const [kind, setKind] = useState<AlertKind>(existing?.kind ?? "restarts");
  const channels = useAlertChannels();
  const usable = (channels.data ?? []).filter((c) => (c.tenantId ?? "") === owner);
  const [picked, setPicked] = useState<string[]>(existing?.channels.map((c) => c.id) ?? []);
  return (
    <form
      className="space-y-4"
      onSubmit={onFormSubmit((v) => {
        const common = {
          name: v("name"),
          severity: AlertSeverity.catch("warning").parse(v("severity")),
          threshold: Number(v("threshold") || 3),
          windowMinutes: Number(v("windowMinutes")),
          channelIds: picked.filter((id) => usable.some((c) => c.id === id)),
        };
        save(`Rule ${common.name} saved`, common, (tenantId) => ({ ...common, tenantId, kind }));
      })}
    >
      {existing ? null : (
        <OwnerSelect owners={props.owners} value={owner} onChange={setOwner} error={errors.tenantId} />
      )}
      <TextField label="Name" name="name" required defaultValue={existing?.name} error={errors.name} />
      {existing ? null : (
        <SelectField
          label="When"
          name="kind"
          value={kind}
          onChange={(e) => setKind(ALERT_KINDS.find((k) => k === e.target.value) ?? "restarts")}
          error={errors.kind}
        >
          {ALERT_KINDS.filter((k) => !HOST_ALERT_KINDS.includes(k) || owner === "").map((k) => (
            <option key={k} value={k}>
              {ALERT_KIND_LABELS[k]}
            </option>
          ))}
        </SelectField>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField
          label="Severity"
          name="severity"
          defaultValue={existing?.severity ?? "warning"}
          error={errors.severity}
        >
          {ALERT_SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
        {THRESHOLD_LABELS[kind] ? (
          <TextField
            label={THRESHOLD_LABELS[kind]}
            name="threshold"
            type="number"
            min={1}
            defaultValue={existing?.threshold ?? 3}
            error={errors.threshold}
          />
        ) : null}
        <TextField
          label="Window (M minutes)"
          name="windowMinutes"
          type="number"
          min={0}
          defaultValue={existing?.windowMinutes ?? 10}
          error={errors.windowMinutes}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium">Notify</legend>
        {usable.length ? (
          <div className="mt-2 space-y-1">
            {usable.map((c) => (
              <label key={c.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={picked.includes(c.id)}
                  onChange={(e) =>
                    setPicked(e.target.checked ? [...picked, c.id] : picked.filter((x) => x !== c.id))
                  }
                />
                {c.name} <span className="text-slate-500">({c.kind})</span>
              </label>
            ))}
          </div>
        ) : (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            No channel of this owner yet: alerts still show here and in the notification centre. Add a channel
            to be told elsewhere.
          </p>
        )}
        {errors.channelIds ? (
          <p className="mt-1 text-sm text-red-700 dark:text-red-400">{errors.channelIds}</p>
        ) : null}
      </fieldset>
      <FormActions error={form.error} onCancel={close} busy={busy} />
    </form>
  );
}
