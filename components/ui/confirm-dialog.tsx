"use client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";

type Props = {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  /** Room for a diff or a list of rows. */
  wide?: boolean;
  /** The confirm button's look: "danger" for what cannot be undone. */
  tone?: "danger" | "primary";
  /** Confirm stays disabled (e.g. until what it will do is loaded). */
  confirmDisabled?: boolean;
};

/** Asks before anything destructive, saying what will be removed. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
  wide,
  tone = "danger",
  confirmDisabled,
}: Props) {
  return (
    <Dialog open={open} onClose={onCancel} title={title} wide={wide}>
      <div className="space-y-4">
        <div className="text-sm text-slate-700 dark:text-slate-300">{children}</div>
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
          <Button variant={tone} busy={busy} disabled={confirmDisabled} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
