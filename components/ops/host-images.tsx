"use client";
import { useState } from "react";
import { toast } from "sonner";
import { formatAgo, formatBytes, shortId } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { RowButton } from "@/components/ui/row-actions";
import { SkeletonRows } from "@/components/ui/skeleton";
import { Table, Td, Th } from "@/components/ui/table";
import { useHostImages, useImageMutations } from "@/lib/client/hooks/use-host-resources";
import { useTenantScope } from "@/lib/client/tenant-context";
import type { ImageView } from "@/lib/validations/ops-views";
import { ContainerLinks } from "./container-links";

export function HostImages({ hostId, canChange }: { hostId: string; canChange: boolean }) {
  const images = useHostImages(hostId, useTenantScope());
  const m = useImageMutations(hostId);
  const [removing, setRemoving] = useState<ImageView | null>(null);
  const [pruning, setPruning] = useState<null | "dangling" | "all">(null);
  const items = images.data ?? [];
  const unused = items.filter((i) => i.containers.length === 0);
  return (
    <div className="space-y-3">
      {canChange ? (
        <div className="flex flex-wrap items-center justify-end gap-2">
          <span className="mr-auto text-xs text-slate-500">
            {items.length} images · {unused.length} unused (
            {formatBytes(unused.reduce((s, i) => s + i.uniqueBytes, 0))} reclaimable, not counting shared
            layers)
          </span>
          <Button size="sm" variant="secondary" onClick={() => setPruning("dangling")}>
            Prune dangling
          </Button>
          <Button size="sm" variant="danger" onClick={() => setPruning("all")}>
            Prune all unused
          </Button>
        </div>
      ) : null}
      {images.isSuccess && items.length === 0 ? (
        <EmptyState title="No images on this host">
          Images appear here once an app is deployed or built on this host.
        </EmptyState>
      ) : (
        <Table label="Images">
          <thead>
            <tr>
              <Th>Image</Th>
              <Th className="hidden md:table-cell">Id</Th>
              <Th className="text-right">Size</Th>
              <Th className="hidden lg:table-cell">Created</Th>
              <Th>Used by</Th>
              {canChange ? (
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {images.isPending ? <SkeletonRows columns={canChange ? 6 : 5} label="Loading images…" /> : null}
            {items.map((i) => (
              <tr key={i.id}>
                <Td className="font-mono text-xs break-all">
                  {i.tags.length ? i.tags.join(", ") : <Badge>dangling</Badge>}
                </Td>
                <Td className="hidden font-mono text-xs text-slate-500 md:table-cell">{shortId(i.id)}</Td>
                <Td className="text-right whitespace-nowrap tabular-nums">
                  <span title={`${formatBytes(i.sizeBytes - i.uniqueBytes)} shared with other images`}>
                    {formatBytes(i.sizeBytes)}
                  </span>
                </Td>
                <Td className="hidden text-xs whitespace-nowrap text-slate-500 lg:table-cell">
                  {formatAgo(i.createdAt)}
                </Td>
                {/* Engine names are long unbroken words: let them wrap so Remove stays in the box. */}
                <Td className="text-xs break-all">
                  <ContainerLinks containers={i.containers} max={4} />
                </Td>
                <RowButton
                  show={canChange}
                  aria-label={`Remove image ${i.tags[0] ?? shortId(i.id)}`}
                  onClick={() => setRemoving(i)}
                >
                  Remove
                </RowButton>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={!!removing}
        title={`Remove ${removing?.tags[0] ?? shortId(removing?.id ?? "")}?`}
        confirmLabel="Remove image"
        busy={m.remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          removing &&
          m.remove.mutate(
            { id: removing.id, force: removing.containers.length > 0 },
            { onSuccess: () => toast.success("Image removed"), onSettled: () => setRemoving(null) },
          )
        }
      >
        {removing?.containers.length
          ? `${removing.containers.length} container(s) use it (${removing.containers.map((c) => c.name).join(", ")}). They keep running, but cannot be recreated from this image without pulling or building it again.`
          : "No container uses it. It can be pulled or built again later."}
      </ConfirmDialog>
      <ConfirmDialog
        open={!!pruning}
        title={pruning === "all" ? "Prune every unused image?" : "Prune dangling images?"}
        confirmLabel="Prune"
        busy={m.prune.isPending}
        onCancel={() => setPruning(null)}
        onConfirm={() =>
          m.prune.mutate(pruning === "all", {
            onSuccess: (r) =>
              toast.success(
                `Removed ${r.deleted.length} layer(s), ${formatBytes(r.spaceReclaimedBytes)} reclaimed`,
              ),
            onSettled: () => setPruning(null),
          })
        }
      >
        {pruning === "all"
          ? `Removes the ${unused.length} image(s) no container uses, tagged or not. Redeploying an app whose image is gone needs a pull or a build.`
          : "Removes untagged images no container uses (left over by rebuilds)."}
      </ConfirmDialog>
    </div>
  );
}
