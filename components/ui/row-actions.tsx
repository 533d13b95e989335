import { Button } from "@/components/ui/button";
import { Td } from "@/components/ui/table";

/**
 * A table row's actions cell, under `actionsColumn`: its Edit/Rename and Delete buttons, or "read only" when the viewer
 * may not change it. A list's own buttons go before Edit (`lead`) or between Edit and Delete (`children`).
 */
export function RowActions({
  canWrite,
  editLabel = "Edit",
  onEdit,
  onDelete,
  lead,
  children,
}: {
  canWrite: boolean;
  editLabel?: string;
  onEdit: () => void;
  onDelete: () => void;
  lead?: React.ReactNode;
  children?: React.ReactNode;
}) {
  return (
    <Td className="text-right">
      {canWrite ? (
        <div className="flex justify-end gap-1">
          {lead}
          <Button size="sm" variant="ghost" onClick={onEdit}>
            {editLabel}
          </Button>
          {children}
          <Button size="sm" variant="ghost" onClick={onDelete}>
            Delete
          </Button>
        </div>
      ) : (
        <span className="text-xs text-slate-500">read only</span>
      )}
    </Td>
  );
}

/**
 * A row's one action: a small button in its right-aligned cell, under `actionsColumn`. No cell at all where `show` is
 * false, as the column is left out for that viewer.
 */
export function RowButton({
  show,
  variant = "ghost",
  children,
  ...button
}: { show: boolean } & React.ComponentProps<typeof Button>) {
  if (!show) return null;
  return (
    <Td className="text-right whitespace-nowrap">
      <Button size="sm" variant={variant} {...button}>
        {children}
      </Button>
    </Td>
  );
}
