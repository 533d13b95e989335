"use client";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import { useSharedImageMutations } from "@/lib/client/hooks/use-shared-images";
import { SharedImageInput } from "@/lib/validations/image";

/** Share one image reference with every tenant (audited as image.share). */
export function ShareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { share } = useSharedImageMutations();
  const form = useSchemaForm(SharedImageInput, share.error);
  const errors = fieldErrors(form.error);
  const close = () => {
    share.reset();
    form.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Share an image">
      <form
        className="space-y-4"
        onSubmit={form.onSubmit(
          (text) => ({ reference: text("reference"), note: text("note") }),
          (input) => share.mutate(input, { onSuccess: close }),
        )}
      >
        <TextField
          label="Image reference"
          name="reference"
          required
          autoFocus
          placeholder="redis:alpine"
          hint="Whatever the host's engine has under this name becomes usable by every tenant, on every host."
          error={errors.reference}
        />
        <TextField label="Note (optional)" name="note" placeholder="why it is shared" error={errors.note} />
        <FormActions
          error={form.error}
          onCancel={close}
          busy={share.isPending}
          submit="Share with every tenant"
        />
      </form>
    </Dialog>
  );
}
