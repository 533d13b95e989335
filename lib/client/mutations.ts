import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/client/api";

// The three mutations most resource modules have, as `useMutation` options with the module's own `onSuccess`
// (usually its `useInvalidate`): POST a new one to the collection, PATCH one (`{ id, ...fields }`), DELETE one by id.
// Creating and changing come from forms, which show the error inline (`meta.silent`); a failed delete is the global
// toast.

type OnSuccess = () => unknown;

export const createAt = <I, V>(path: string, onSuccess: OnSuccess) => ({
  mutationFn: (body: I) => api<V>(path, { method: "POST", body }),
  onSuccess,
  meta: { silent: true },
});

export const updateAt = <I, V>(path: string, onSuccess: OnSuccess) => ({
  mutationFn: ({ id, ...body }: I & { id: string }) => api<V>(`${path}/${id}`, { method: "PATCH", body }),
  onSuccess,
  meta: { silent: true },
});

export const removeAt = (path: string, onSuccess: OnSuccess) => ({
  mutationFn: (id: string) => api(`${path}/${id}`, { method: "DELETE" }),
  onSuccess,
});

/** What a module's mutations call on success: refresh every query under `key` (usually its `xKeys.all`). */
export function useInvalidate(key: QueryKey) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: key });
}

/** A collection that is only added to and removed from (tokens, shared images, the egress allow-list). */
export function useAddRemove<I, V>(path: string, invalidates: QueryKey) {
  const onSuccess = useInvalidate(invalidates);
  return {
    add: useMutation(createAt<I, V>(path, onSuccess)),
    remove: useMutation(removeAt(path, onSuccess)),
  };
}
