"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { bind, TextField } from "@/components/ui/field";
import { fieldErrors, FormError } from "@/components/ui/form-error";
import { PageHeader } from "@/components/ui/page-header";
import { actionsColumn, CodeCell, Table, Td } from "@/components/ui/table";
import { useSchemaForm } from "@/lib/client/form";
import { useEgressAllow, useEgressAllowMutations } from "@/lib/client/hooks/use-egress";
import { EgressAllowInput, type EgressAllowView } from "@/lib/validations/egress";

/** The admin allow-list: the loopback, private and link-local addresses non-admins may reach anyway. */
export function EgressView() {
  const list = useEgressAllow();
  const { add, remove } = useEgressAllowMutations();
  const [entry, setEntry] = useState("");
  const [note, setNote] = useState("");
  const [removing, setRemoving] = useState<EgressAllowView | null>(null);
  const form = useSchemaForm(EgressAllowInput, add.error);
  const errors = fieldErrors(form.error);
  const submit = form.onSubmit(
    () => ({ entry, note }),
    (input) =>
      add.mutate(input, {
        onSuccess: () => {
          setEntry("");
          setNote("");
        },
      }),
  );
  return (
    <>
      <PageHeader
        title="Egress allow-list"
        description="By default, developers' git URLs, registries, token realms and Dockerfile ADD URLs may not reach loopback, private, link-local or cloud-metadata addresses, and containers on Wharf's networks may not reach this host. Each entry here lets them reach one range (and port)."
      />
      <Card>
        <form
          onSubmit={submit}
          className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start"
          aria-label="Add an entry"
        >
          <TextField
            label="Address range"
            placeholder="127.0.0.1/32:5000"
            hint="CIDR[:port], e.g. 127.0.0.1:5000, 10.0.0.0/8 or [fd00::]/8:443"
            {...bind(entry, setEntry)}
            error={errors.entry}
            required
          />
          <TextField
            label="Note"
            placeholder="What is there, and who needs it"
            {...bind(note, setNote)}
            error={errors.note}
          />
          <Button type="submit" busy={add.isPending} className="sm:mt-5">
            Allow
          </Button>
        </form>
        {form.error && !errors.entry ? <FormError error={form.error} /> : null}
      </Card>
      <div className="mt-6">
        {list.isPending ? (
          <p className="text-slate-500">Loading the allow-list…</p>
        ) : !list.data?.length ? (
          <p className="text-sm text-slate-500">
            No entries: only public addresses can be reached by non-admins.
          </p>
        ) : (
          <Table label="Egress allow-list" head={["Range", "Note", "Source", "Added", actionsColumn]}>
            <tbody>
              {list.data.map((r) => (
                <tr key={r.id} data-testid={`egress-row-${r.entry}`}>
                  <CodeCell>{r.entry}</CodeCell>
                  <Td>{r.note}</Td>
                  <Td>
                    <Badge tone={r.source === "admin" ? "blue" : "gray"}>{r.source}</Badge>
                  </Td>
                  <Td className="text-slate-500">
                    {r.createdAt ? new Date(r.createdAt).toLocaleString() : "—"}
                  </Td>
                  <Td className="text-right">
                    {r.source === "admin" ? (
                      <Button variant="secondary" onClick={() => setRemoving(r)}>
                        Remove
                      </Button>
                    ) : (
                      <span className="text-xs text-slate-500">set by WHARF_EGRESS_ALLOW</span>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>
      <ConfirmDialog
        open={!!removing}
        title={`Remove ${removing?.entry}?`}
        confirmLabel="Remove entry"
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
      >
        Non-admins&apos; builds, registries and containers can no longer reach this range, from now on.
      </ConfirmDialog>
    </>
  );
}
