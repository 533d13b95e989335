"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { api, clientErrorOf, qs } from "@/lib/client/api";
import { rootKey } from "@/lib/client/keys";
import { createAt, useInvalidate } from "@/lib/client/mutations";
import { itemsQuery } from "@/lib/client/queries";
import { readText } from "@/lib/client/stream";
import {
  BuildView,
  type AppBuildSourcePut,
  type BuildCreateInput,
  type BuildUploadSpec,
  type HookView,
} from "@/lib/validations/build";
import type { z } from "zod";

export type BuildFilters = { tenantId?: string; projectId?: string; status?: string; appId?: string };
/** The options part of a build (the JSON `spec` of an upload). */
export type BuildOptionsInput = z.input<typeof BuildUploadSpec>;

export const isActive = (s: BuildView["status"]) => s === "queued" || s === "running";

const root = rootKey("builds");
/** Builds, and the build source and webhook of an app (what its webhook rebuilds). */
export const buildKeys = {
  all: root(),
  list: (f: BuildFilters) => root("list", f),
  detail: (id: string) => root("detail", id),
  hook: (appId: string) => root("hook", appId),
};

/** While a build in the list is queued or running, the list refreshes every few seconds (status and queue positions move). */
export const useBuilds = (f: BuildFilters) =>
  useQuery({
    ...itemsQuery<BuildView>(buildKeys.list(f), `/builds${qs(f)}`),
    refetchInterval: (q) => (q.state.data?.some((b) => isActive(b.status)) ? 3000 : false),
  });

export const useBuild = (id: string) =>
  useQuery({
    queryKey: buildKeys.detail(id),
    queryFn: () => api<BuildView>(`/builds/${id}`),
    refetchInterval: (q) => (q.state.data && isActive(q.state.data.status) ? 2000 : false),
  });

async function uploadBuild(spec: BuildOptionsInput, file: File): Promise<BuildView> {
  const form = new FormData();
  form.append("spec", JSON.stringify(spec)); // before the file: the server checks it first
  form.append("context", file);
  const res = await fetch("/api/v1/builds", { method: "POST", body: form, credentials: "same-origin" });
  if (!res.ok) throw await clientErrorOf(res);
  return BuildView.parse(await res.json());
}

export function useBuildMutations() {
  const invalidate = useInvalidate(buildKeys.all);
  return {
    create: useMutation(createAt<z.input<typeof BuildCreateInput>, BuildView>("/builds", invalidate)),
    upload: useMutation({
      mutationFn: ({ spec, file }: { spec: BuildOptionsInput; file: File }) => uploadBuild(spec, file),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    cancel: useMutation({
      mutationFn: (id: string) => api<BuildView>(`/builds/${id}/cancel`, { method: "POST" }),
      onSuccess: invalidate,
    }),
    push: useMutation({
      mutationFn: ({ id, registryId }: { id: string; registryId: string }) =>
        api<BuildView>(`/builds/${id}/push`, { method: "POST", body: { registryId } }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
  };
}

/**
 * Follows GET /builds/{id}/log: the stored log first, then live output until the build ends.
 * Text goes to `onText` (appended straight to the DOM by the viewer, not through React state, so fast
 * output does not re-render the page). Reconnects are not needed: a reload replays then follows.
 */
export function useBuildLog(id: string, onText: (text: string) => void, onReset: () => void) {
  const [state, setState] = useState<"connecting" | "streaming" | "ended" | "error">("connecting");
  const qc = useQueryClient();
  const cb = useRef({ onText, onReset });
  cb.current = { onText, onReset };
  useEffect(() => {
    const ctrl = new AbortController();
    cb.current.onReset();
    setState("connecting");
    (async () => {
      const res = await fetch(`/api/v1/builds/${id}/log`, {
        signal: ctrl.signal,
        credentials: "same-origin",
      });
      if (!res.ok || !res.body) throw await clientErrorOf(res);
      setState("streaming");
      for await (const text of readText(res.body)) cb.current.onText(text);
      setState("ended");
      void qc.invalidateQueries({ queryKey: buildKeys.all });
    })().catch((err) => {
      if (!ctrl.signal.aborted) {
        console.error(err);
        setState("error");
      }
    });
    return () => ctrl.abort();
  }, [id, qc]);
  return state;
}

export const useAppHook = (appId: string | null) =>
  useQuery({
    queryKey: buildKeys.hook(appId ?? ""),
    queryFn: () => api<HookView>(`/hooks/${appId}`),
    enabled: !!appId,
  });

export function useAppHookMutations(appId: string) {
  const invalidate = useInvalidate(buildKeys.hook(appId));
  return {
    save: useMutation({
      mutationFn: (body: z.input<typeof AppBuildSourcePut>) =>
        api<HookView>(`/hooks/${appId}`, { method: "PUT", body }),
      onSuccess: invalidate,
      meta: { silent: true },
    }),
    remove: useMutation({
      mutationFn: () => api(`/hooks/${appId}`, { method: "DELETE" }),
      onSuccess: invalidate,
    }),
  };
}
