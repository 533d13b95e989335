"use client";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** The delete mutation of a list (TanStack Query's `useMutation` result fits). */
export type Remove = { isPending: boolean; mutate: (id: string, opts: { onSuccess: () => void }) => void };

/**
 * The confirmation before deleting one row of a list (`what`: "rule", "registry"…), saying what goes with it; on
 * success a toast names what was deleted and the dialog closes.
 */
export function DeleteDialog({
  what,
  target,
  remove,
  onClose,
  title = `Delete ${what} ${target?.name}?`,
  children,
}: {
  what: string;
  target: { id: string; name: string } | null;
  remove: Remove;
  onClose: () => void;
  /** The question, when "Delete <what> <name>?" does not fit. */
  title?: string;
  children: React.ReactNode;
}) {
  return (
    <ConfirmDialog
      open={!!target}
      title={title}
      confirmLabel={`Delete ${what}`}
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        target &&
        remove.mutate(target.id, {
          onSuccess: () => {
            toast.success(`${what[0].toUpperCase()}${what.slice(1)} ${target.name} deleted`);
            onClose();
          },
        })
      }
    >
      {children}
    </ConfirmDialog>
  );
}
