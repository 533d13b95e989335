"use client";
import { useState } from "react";
import { stringify } from "yaml";
import { useAppCompose } from "@/lib/client/hooks/use-apps";

/** The deployed revision as `docker compose config` would print it: what Wharf applies, defaults included. */
export function EffectiveCompose({ appId, revision }: { appId: string; revision: number }) {
  const [open, setOpen] = useState(false);
  const q = useAppCompose(appId, revision, open);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="effective-compose">
      <summary className="cursor-pointer text-sm font-medium">
        Effective compose file (revision {revision})
      </summary>
      {q.isPending && open ? <p className="mt-2 text-sm text-slate-500">Loading…</p> : null}
      {q.data ? (
        <pre className="mt-2 max-h-96 overflow-auto rounded bg-slate-100 p-3 font-mono text-xs dark:bg-slate-900">
          {stringify(q.data.compose)}
        </pre>
      ) : null}
    </details>
  );
}
