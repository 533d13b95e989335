"use client";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { SkeletonLines } from "@/components/ui/skeleton";
import { useEdgeSettingsMutations, useVolumeDrivers } from "@/lib/client/hooks/use-edge-settings";
import { splitList } from "@/lib/client/split-list";

/** The volume drivers (plugins) non-admins may use in compose files; "local" is always allowed. */
export function VolumeDriversCard() {
  const { data } = useVolumeDrivers();
  const { setVolumeDrivers } = useEdgeSettingsMutations();
  const errors = fieldErrors(setVolumeDrivers.error);
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
        onSubmit={(e) => {
          e.preventDefault();
          const drivers = splitList(String(new FormData(e.currentTarget).get("drivers")));
          setVolumeDrivers.mutate(drivers, { onSuccess: () => toast.success("Volume drivers saved") });
        }}
      >
        <TextField
          label="Allowed drivers"
          name="drivers"
          defaultValue={data.drivers.join(", ")}
          placeholder="e.g. rexray/ebs, nfs"
          hint='Besides "local", which is always allowed. Admins may use any driver.'
          error={Object.entries(errors).find(([k]) => k.startsWith("drivers"))?.[1]}
        />
        <FormError error={setVolumeDrivers.error} />
        <Button type="submit" disabled={setVolumeDrivers.isPending}>
          Save
        </Button>
      </form>
    </Card>
  );
}
