"use client";
import { Dialog } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { useSharedImageMutations } from "@/lib/client/hooks/use-shared-images";

/** Share one image reference with every tenant (audited as image.share). */
export function ShareDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { share } = useSharedImageMutations();
  const errors = fieldErrors(share.error);
  const close = () => {
    share.reset();
    onClose();
  };
  return (
    <Dialog open={open} onClose={close} title="Share an image">
      <form
        className="space-y-4"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          share.mutate(
            { reference: String(f.get("reference") ?? "").trim(), note: String(f.get("note") ?? "").trim() },
            { onSuccess: close },
          );
        }}
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
          error={share.error}
          onCancel={close}
          busy={share.isPending}
          submit="Share with every tenant"
        />
      </form>
    </Dialog>
  );
}
