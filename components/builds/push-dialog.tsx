"use client";
import { Dialog } from "@/components/ui/dialog";
import { RecordOptions, SelectField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { TextLink } from "@/components/ui/text-link";
import { useSchemaForm } from "@/lib/client/form";
import { useBuildMutations } from "@/lib/client/hooks/use-builds";
import { useRegistries } from "@/lib/client/hooks/use-registries";
import { BuildPushInput, type BuildView } from "@/lib/validations/build";

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
  const form = useSchemaForm(BuildPushInput, push.error);
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
          onSubmit={form.onSubmit(
            (text) => ({ registryId: text("registryId") }),
            ({ registryId }) => push.mutate({ id: build.id, registryId }, { onSuccess: onClose }),
          )}
        >
          <SelectField label="Registry" name="registryId" required error={fieldErrors(form.error).registryId}>
            <RecordOptions of={registries.data} label={(r) => `${r.name} (${r.host})`} />
          </SelectField>
          <p className="text-xs text-slate-500">
            Every tag of this build is pushed as &lt;registry host&gt;/&lt;name&gt;:&lt;tag&gt; with the
            registry&apos;s stored credentials.
          </p>
          <FormActions error={form.error} onCancel={onClose} busy={push.isPending} submit="Push" />
        </form>
      )}
    </Dialog>
  );
}
