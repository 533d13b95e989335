"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RowButton } from "@/components/ui/row-actions";
import { actionsColumn, CodeCell, Table, Td } from "@/components/ui/table";
import { useSharedImageMutations, useSharedImages } from "@/lib/client/hooks/use-shared-images";
import type { SharedImageView } from "@/lib/validations/image";
import { ShareDialog } from "./share-dialog";

/** Images every tenant may run and build from, besides its own; admins share and unshare them. */
export function SharedImagesView({ canShare }: { canShare: boolean }) {
  const images = useSharedImages();
  const { unshare } = useSharedImageMutations();
  const [sharing, setSharing] = useState(false);
  const [removing, setRemoving] = useState<SharedImageView | null>(null);
  const shareButton = canShare ? <Button onClick={() => setSharing(true)}>Share an image</Button> : null;
  return (
    <>
      <PageHeader
        title="Shared images"
        description="A tenant runs and builds from its own built or pulled images, references it pulls with its own registry credentials, and these."
        actions={shareButton}
      />
      {images.isPending ? (
        <p className="text-slate-500">Loading shared images…</p>
      ) : !images.data?.length ? (
        <EmptyState title="No shared images" action={shareButton}>
          Nothing is shared: each tenant uses only its own images and what it can pull itself.
        </EmptyState>
      ) : (
        <Table
          label="Shared images"
          head={["Reference", "Note", "Shared by", "Since", canShare && actionsColumn]}
        >
          <tbody>
            {images.data.map((i) => (
              <tr key={i.id} data-testid={`shared-image-${i.reference}`}>
                <CodeCell>{i.reference}</CodeCell>
                <Td className="text-slate-500">{i.note}</Td>
                <Td>{i.createdBy ?? "system"}</Td>
                <Td className="text-slate-500">{new Date(i.createdAt).toLocaleString()}</Td>
                <RowButton show={canShare} onClick={() => setRemoving(i)}>
                  Unshare
                </RowButton>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
      <ShareDialog open={sharing} onClose={() => setSharing(false)} />
      <ConfirmDialog
        open={!!removing}
        title={`Stop sharing ${removing?.reference}?`}
        confirmLabel="Unshare"
        busy={unshare.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && unshare.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
      >
        Running apps keep running; new deploys, scales, rollbacks and builds of tenants that do not own this
        image are refused.
      </ConfirmDialog>
    </>
  );
}
