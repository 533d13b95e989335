import { Button } from "@/components/ui/button";

/** The Edit/Rename and Delete buttons of a table row, or "read only" when the viewer may not change it. */
export function RowActions({
  canWrite,
  editLabel = "Edit",
  onEdit,
  onDelete,
}: {
  canWrite: boolean;
  editLabel?: string;
  onEdit: () => void;
  onDelete: () => void;
}) {
  if (!canWrite) return <span className="text-xs text-slate-400">read only</span>;
  return (
    <div className="flex justify-end gap-1">
      <Button size="sm" variant="ghost" onClick={onEdit}>
        {editLabel}
      </Button>
      <Button size="sm" variant="ghost" onClick={onDelete}>
        Delete
      </Button>
    </div>
  );
}
