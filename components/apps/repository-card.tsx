"use client";
import { formatAgo, formatTime, shortId } from "@/components/format";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError } from "@/components/ui/form-error";
import { useAppHook } from "@/lib/client/hooks/use-builds";

/**
 * An app from a repository: where it comes from, the newest commit deployed, when polling last asked the
 * repository, and the webhook a git host calls on a push (the same one builds use).
 */
export function RepositoryCard({ appId }: { appId: string }) {
  const hook = useAppHook(appId);
  const repo = hook.data?.repository;
  if (hook.isPending) return null;
  if (!repo) return hook.error ? <FormError error={hook.error} /> : null;
  const url = `${typeof window === "undefined" ? "" : window.location.origin}${hook.data?.url ?? ""}`;
  const rows: [string, React.ReactNode][] = [
    [
      "Repository",
      <code key="url" className="font-mono break-all">
        {repo.url}
      </code>,
    ],
    ["Ref", repo.ref || "default branch"],
    [
      "Compose file",
      <code key="file" className="font-mono break-all">
        {repo.composeFile}
      </code>,
    ],
    [
      "Last commit",
      repo.lastCommit ? (
        <code key="commit" className="font-mono">
          {shortId(repo.lastCommit)}
        </code>
      ) : (
        "—"
      ),
    ],
    [
      "Polling",
      repo.pollSeconds
        ? `every ${repo.pollSeconds} s; last asked ${
            repo.lastPolledAt ? formatAgo(repo.lastPolledAt) : "not yet"
          }`
        : "off: pushes to the webhook deploy",
    ],
  ];
  return (
    <Card title="Repository source">
      <dl
        className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm"
        data-testid="repository-source"
      >
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd
              className="min-w-0"
              title={k === "Polling" && repo.lastPolledAt ? formatTime(repo.lastPolledAt) : undefined}
            >
              {v}
            </dd>
          </div>
        ))}
      </dl>
      {hook.data?.secret ? (
        <div className="mt-3 flex items-center gap-2 text-xs">
          <span className="shrink-0 text-slate-500">Webhook</span>
          <code className="min-w-0 flex-1 font-mono break-all">{url}</code>
          <CopyButton value={url} label="Copy URL" />
          <CopyButton value={hook.data.secret} label="Copy secret" />
        </div>
      ) : null}
    </Card>
  );
}
