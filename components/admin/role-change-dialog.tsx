"use client";
import type { RoleChange } from "@/components/admin/role-change";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Asks before a role change (a user's global role, a member's tenant role), saying what they gain or lose. */
export function RoleChangeDialog({
  change,
  busy,
  onCancel,
  onConfirm,
}: {
  change: RoleChange | null;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <ConfirmDialog
      open={!!change}
      title={change?.title ?? ""}
      confirmLabel={change?.confirmLabel ?? ""}
      tone={change?.lessAccess ? "danger" : "primary"}
      busy={busy}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>{change?.body}</p>
    </ConfirmDialog>
  );
}
