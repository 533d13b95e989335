import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/**
 * The foot of a form: the mutation's error (when there is one), then Cancel and the submit button on the right.
 * Fragments keep the form's own spacing (`space-y-4`) between the two, as when each form wrote them out.
 */
export function FormActions({
  error,
  onCancel,
  busy,
  submit = "Save",
  cancelVariant = "secondary",
  className = "",
}: {
  /** Shown above the buttons (nothing when there is none); leave it out where the form shows it elsewhere. */
  error?: unknown;
  onCancel: () => void;
  busy?: boolean;
  /** The submit button's label. */
  submit?: React.ReactNode;
  cancelVariant?: "secondary" | "ghost";
  /** Extra classes for the button row (e.g. "pt-1"). */
  className?: string;
}) {
  return (
    <>
      <FormError error={error} />
      <div className={`flex justify-end gap-2${className ? ` ${className}` : ""}`}>
        <Button type="button" variant={cancelVariant} onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" busy={busy}>
          {submit}
        </Button>
      </div>
    </>
  );
}
