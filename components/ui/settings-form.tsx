import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";

/**
 * A settings card's form (no Cancel: the card stays): its fields, then the form's error and Save, disabled while the
 * change is sent. Give it a `key` from the stored values, so a save that changes them refills the fields.
 */
export function SettingsForm({
  label,
  error,
  busy,
  onSubmit,
  children,
}: {
  label: string;
  error: unknown;
  busy: boolean;
  onSubmit: React.FormEventHandler<HTMLFormElement>;
  children: React.ReactNode;
}) {
  return (
    <form className="space-y-3" aria-label={label} onSubmit={onSubmit}>
      {children}
      <FormError error={error} />
      <Button type="submit" disabled={busy}>
        Save
      </Button>
    </form>
  );
}
