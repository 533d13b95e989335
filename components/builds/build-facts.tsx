import { describeSource, formatDuration } from "@/components/builds/format";
import { formatBytes, formatTime, shortId } from "@/components/format";
import { maskRecord } from "@/lib/secrets/model";
import type { BuildView } from "@/lib/validations/build";

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

/** Source and commit, who, when, how long, and the result: image id, size, tags. */
export function BuildFacts({ build: b }: { build: BuildView }) {
  const s = b.source;
  // Secret values stay in the API answer for the developer; the page never puts them on screen.
  const marked = Array.isArray(s.secretArgs) ? s.secretArgs.map(String) : [];
  const args = Object.entries(maskRecord((s.buildArgs as Record<string, string>) ?? {}, marked));
  return (
    <dl className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="build-facts">
      <Fact label="Source">{describeSource(b)}</Fact>
      {b.commit ? (
        <Fact label="Commit">
          <code className="font-mono text-xs" title={b.commit}>
            {shortId(b.commit)}
          </code>
        </Fact>
      ) : null}
      <Fact label="Dockerfile">
        <code className="font-mono text-xs">{String(s.dockerfile ?? "Dockerfile")}</code>
        {s.target ? (
          <>
            {" "}
            · target <code className="font-mono text-xs">{String(s.target)}</code>
          </>
        ) : null}
      </Fact>
      {args.length ? (
        <Fact label="Build args">
          <code className="font-mono text-xs">{args.map(([k, v]) => `${k}=${v}`).join(" ")}</code>
        </Fact>
      ) : null}
      <Fact label="Host">{b.hostName}</Fact>
      <Fact label="Started by">
        {b.createdBy ?? (b.appId ? "webhook" : "—")}
        {b.appId ? <span className="text-slate-500"> (app webhook)</span> : null}
      </Fact>
      <Fact label="Requested">{formatTime(b.createdAt)}</Fact>
      <Fact label="Duration">{formatDuration(b.durationMs)}</Fact>
      <Fact label="Result">
        {b.status}
        {b.error && b.status !== "succeeded" ? ` — ${b.error}` : ""}
      </Fact>
      {b.imageId ? (
        <Fact label="Image">
          <code className="font-mono text-xs" title={b.imageId} data-testid="build-image-id">
            {shortId(b.imageId)}
          </code>{" "}
          · {formatBytes(b.sizeBytes)}
        </Fact>
      ) : null}
      <Fact label="Tags">
        <ul className="space-y-0.5">
          {b.tags.map((t) => (
            <li key={t}>
              <code className="font-mono text-xs">{t}</code>
            </li>
          ))}
        </ul>
      </Fact>
      <Fact label="Log size">
        {formatBytes(b.logBytes)}
        {b.logTruncated ? " (truncated)" : ""}
      </Fact>
    </dl>
  );
}
