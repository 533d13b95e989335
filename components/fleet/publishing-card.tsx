"use client";
import { toast } from "sonner";
import { Card } from "@/components/ui/card";
import { ListField, TextField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { SettingsForm } from "@/components/ui/settings-form";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useSchemaForm } from "@/lib/client/form";
import { useEdgeSettingsMutations, usePublishPolicy } from "@/lib/client/hooks/use-edge-settings";
import { splitList } from "@/lib/client/split-list";
import { PublishPolicyInput } from "@/lib/validations/edge";

/** The two ends of the port range: the same input, a host port. */
const PORT_FIELDS = [
  ["minPort", "Lowest host port"],
  ["maxPort", "Highest host port"],
] as const;
const PORT_INPUT = { type: "number", min: 1, max: 65535 } as const;

/** The host ports apps may publish here and the host's own addresses; admins edit them, others read them. */
export function PublishingCard({ hostId, isAdmin }: { hostId: string; isAdmin: boolean }) {
  const { data: p } = usePublishPolicy(hostId);
  const { setPublishing } = useEdgeSettingsMutations();
  const form = useSchemaForm(PublishPolicyInput, setPublishing.error);
  const errors = fieldErrors(form.error);
  if (!p)
    return (
      <Card title="Published ports">
        <SkeletonLines />
      </Card>
    );
  const addresses = p.addresses.length ? p.addresses.join(", ") : "none besides 0.0.0.0 and loopback";
  if (!isAdmin)
    return (
      <Card title="Published ports">
        <p className="text-sm">
          Host ports {p.minPort}–{p.maxPort}; addresses: {addresses}.
        </p>
      </Card>
    );
  return (
    <Card title="Published ports">
      <SettingsForm
        key={`${p.minPort}-${p.maxPort}-${p.addresses.join(",")}`}
        label="Published ports"
        error={form.error}
        busy={setPublishing.isPending}
        onSubmit={form.onSubmit(
          (_, f) => ({
            minPort: Number(f.get("minPort")),
            maxPort: Number(f.get("maxPort")),
            addresses: splitList(String(f.get("addresses"))),
          }),
          (input) =>
            setPublishing.mutate(
              { hostId, ...input },
              { onSuccess: () => toast.success("Publishing policy saved") },
            ),
        )}
      >
        <div className="grid grid-cols-2 gap-3">
          {PORT_FIELDS.map(([name, label]) => (
            <TextField
              key={name}
              label={label}
              name={name}
              {...PORT_INPUT}
              defaultValue={p[name]}
              error={errors[name]}
            />
          ))}
        </div>
        <ListField
          label="Host addresses"
          name="addresses"
          values={p.addresses}
          errors={errors}
          placeholder="e.g. 10.0.0.5, 2001:db8::5"
          hint="A published port may name one of these; 0.0.0.0 and loopback are always allowed."
        />
      </SettingsForm>
    </Card>
  );
}
