"use client";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

type Remove = { isPending: boolean; mutate: (id: string, opts: { onSuccess: () => void }) => void };

/** The confirmation before deleting a rule or a channel (`what`), saying what goes with it. */
export function DeleteDialog({
  what,
  target,
  remove,
  onClose,
  children,
}: {
  what: "rule" | "channel";
  target: { id: string; name: string } | null;
  remove: Remove;
  onClose: () => void;
  children: React.ReactNode;
}) {
  return (
    <ConfirmDialog
      open={!!target}
      title={`Delete ${what} ${target?.name}?`}
      confirmLabel={`Delete ${what}`}
      busy={remove.isPending}
      onCancel={onClose}
      onConfirm={() =>
        target &&
        remove.mutate(target.id, {
          onSuccess: () => {
            toast.success(`${what === "rule" ? "Rule" : "Channel"} ${target.name} deleted`);
            onClose();
          },
        })
      }
    >
      {children}
    </ConfirmDialog>
  );
}
