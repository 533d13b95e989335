"use client";
import { toast } from "sonner";
import { Card } from "@/components/ui/card";
import { ListField } from "@/components/ui/field";
import { fieldErrors } from "@/components/ui/form-error";
import { SettingsForm } from "@/components/ui/settings-form";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useSchemaForm } from "@/lib/client/form";
import { useEdgeSettingsMutations, useVolumeDrivers } from "@/lib/client/hooks/use-edge-settings";
import { splitList } from "@/lib/client/split-list";
import { VolumeDriversInput } from "@/lib/validations/edge";

/** The volume drivers (plugins) non-admins may use in compose files; "local" is always allowed. */
export function VolumeDriversCard() {
  const { data } = useVolumeDrivers();
  const { setVolumeDrivers } = useEdgeSettingsMutations();
  const form = useSchemaForm(VolumeDriversInput, setVolumeDrivers.error);
  if (!data)
    return (
      <Card title="Volume drivers">
        <SkeletonLines />
      </Card>
    );
  return (
    <Card title="Volume drivers">
      <SettingsForm
        key={data.drivers.join(",")}
        label="Volume drivers"
        error={form.error}
        busy={setVolumeDrivers.isPending}
        onSubmit={form.onSubmit(
          (text) => ({ drivers: splitList(text("drivers")) }),
          ({ drivers }) =>
            setVolumeDrivers.mutate(drivers, { onSuccess: () => toast.success("Volume drivers saved") }),
        )}
      >
        <ListField
          label="Allowed drivers"
          name="drivers"
          values={data.drivers}
          errors={fieldErrors(form.error)}
          placeholder="e.g. rexray/ebs, nfs"
          hint='Besides "local", which is always allowed. Admins may use any driver.'
        />
      </SettingsForm>
    </Card>
  );
}
