"use client";
import { Dialog } from "@/components/ui/dialog";
import { SelectField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { TextLink } from "@/components/ui/text-link";
import { useBuildMutations } from "@/lib/client/hooks/use-builds";
import { useRegistries } from "@/lib/client/hooks/use-registries";
import type { BuildView } from "@/lib/validations/build";

/** Pushes a finished build's tags to one of the tenant's registries. */
export function PushDialog({
  build,
  open,
  onClose,
}: {
  build: BuildView;
  open: boolean;
  onClose: () => void;
}) {
  const registries = useRegistries(build.tenantId);
  const { push } = useBuildMutations();
  return (
    <Dialog open={open} onClose={onClose} title="Push to a registry">
      {registries.data?.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          This tenant has no registry yet. <TextLink href="/registries">Add one under Registries</TextLink>,
          then push.
        </p>
      ) : (
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const registryId = String(new FormData(e.currentTarget).get("registryId"));
            push.mutate({ id: build.id, registryId }, { onSuccess: onClose });
          }}
        >
          <SelectField label="Registry" name="registryId" required>
            {registries.data?.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name} ({r.host})
              </option>
            ))}
          </SelectField>
          <p className="text-xs text-slate-500">
            Every tag of this build is pushed as &lt;registry host&gt;/&lt;name&gt;:&lt;tag&gt; with the
            registry&apos;s stored credentials.
          </p>
          <FormActions error={push.error} onCancel={onClose} busy={push.isPending} submit="Push" />
        </form>
      )}
    </Dialog>
  );
}
