"use client";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { errorUnder, fieldErrors, FormError } from "@/components/ui/form-error";
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
  // One text box for the list: any `drivers.<i>` error shows under it.
  const error = errorUnder(fieldErrors(form.error), "drivers");
  if (!data)
    return (
      <Card title="Volume drivers">
        <SkeletonLines />
      </Card>
    );
  return (
    <Card title="Volume drivers">
      <form
        key={data.drivers.join(",")}
        className="space-y-3"
        aria-label="Volume drivers"
        onSubmit={form.onSubmit(
          (text) => ({ drivers: splitList(text("drivers")) }),
          ({ drivers }) =>
            setVolumeDrivers.mutate(drivers, { onSuccess: () => toast.success("Volume drivers saved") }),
        )}
      >
        <TextField
          label="Allowed drivers"
          name="drivers"
          defaultValue={data.drivers.join(", ")}
          placeholder="e.g. rexray/ebs, nfs"
          hint='Besides "local", which is always allowed. Admins may use any driver.'
          error={error}
        />
        <FormError error={form.error} />
        <Button type="submit" disabled={setVolumeDrivers.isPending}>
          Save
        </Button>
      </form>
    </Card>
  );
}
