"use client";
import { useState } from "react";
import { toast } from "sonner";
import type { Owner } from "@/components/alerts/owner-select";
import { fieldErrors } from "@/components/ui/form-error";
import { useSchemaForm } from "@/lib/client/form";
import type { z } from "zod";

/** The one mutation of each request, as the form uses it (TanStack's `useMutation` result). */
type Sends<V> = {
  mutate(input: V, options: { onSuccess: () => void }): void;
  reset(): void;
  isPending: boolean;
  error: unknown;
};

/**
 * An alert rule's or channel's add-or-edit form: one schema form per request (the edit schema for an existing one),
 * the owner a new one goes to, and `save`, which checks the input with the schema its request uses and sends it.
 */
export function useOwnedForm<C extends z.ZodType, U extends z.ZodType<object>>({
  existing,
  owners,
  onClose,
  create,
  update,
}: {
  existing: { id: string; tenantId: string | null } | null;
  owners: Owner[];
  onClose: () => void;
  create: { schema: C; mutation: Sends<z.output<C>> };
  update: { schema: U; mutation: Sends<z.output<U> & { id: string }> };
}) {
  const createForm = useSchemaForm(create.schema, create.mutation.error);
  const updateForm = useSchemaForm(update.schema, update.mutation.error);
  const form = existing ? updateForm : createForm;
  const m = existing ? update.mutation : create.mutation;
  const [owner, setOwner] = useState(existing ? (existing.tenantId ?? "") : (owners[0]?.id ?? ""));
  const close = () => {
    m.reset();
    form.reset();
    onClose();
  };
  /** Edits `existing` with `edit`, or adds `add(owner)`; on success says `saved` and closes. */
  const save = (saved: string, edit: unknown, add: (tenantId: string | null) => unknown) => {
    const done = () => {
      toast.success(saved);
      close();
    };
    if (existing) {
      const input = updateForm.parse(edit);
      if (input) update.mutation.mutate({ id: existing.id, ...input }, { onSuccess: done });
    } else {
      const input = createForm.parse(add(owner || null));
      if (input) create.mutation.mutate(input, { onSuccess: done });
    }
  };
  return { form, errors: fieldErrors(form.error), owner, setOwner, close, busy: m.isPending, save };
}
