import { formatBytes, formatTime } from "@/components/format";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { ContainerDetailView } from "@/lib/validations/ops-views";

function Rows({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-x-3 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const None = ({ what }: { what: string }) => <p className="text-sm text-slate-500">No {what}.</p>;

type Line = [key: string, text: string];
type Detail = ContainerDetailView;

const portLine = (p: Detail["ports"][number]): Line => [
  `${p.container}-${p.hostIp}-${p.hostPort}`,
  `${p.hostPort ? `${p.hostIp || "0.0.0.0"}:${p.hostPort} → ` : "not published: "}${p.container}`,
];
const mountLine = (m: Detail["mounts"][number]): Line => [
  m.destination,
  `${m.type} ${m.source || "(anonymous)"} → ${m.destination} ${m.rw ? "" : "(read-only)"}`,
];
const networkLine = (n: Detail["networks"][number]): Line => [
  n.name,
  `${n.name} ${n.ipAddress ? `· ${n.ipAddress}` : ""} ${n.aliases.length ? `· ${n.aliases.join(", ")}` : ""}`,
];

/** A card of one-line entries (ports, mounts, networks), or "No <title>." */
function LinesCard({ title, lines }: { title: string; lines: Line[] }) {
  return (
    <Card title={title}>
      {lines.length ? (
        <ul className="space-y-0.5 font-mono text-xs">
          {lines.map(([key, text]) => (
            <li key={key}>{text}</li>
          ))}
        </ul>
      ) : (
        <None what={title.toLowerCase()} />
      )}
    </Card>
  );
}

/** State, configuration and wiring of a container, as the engine reports them (secret-looking env values masked by the server). */
export function ContainerOverview({ c }: { c: ContainerDetailView }) {
  const mono = "font-mono text-xs";
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card title="State">
        <Rows
          rows={[
            ["Status", c.state.status],
            [
              "Health",
              c.state.health ? (
                <span>
                  {c.state.health.status}{" "}
                  {c.state.health.failingStreak ? `(failing ${c.state.health.failingStreak}×)` : ""}
                </span>
              ) : (
                "no health check"
              ),
            ],
            [
              "Started",
              c.state.startedAt && !c.state.startedAt.startsWith("0001")
                ? formatTime(c.state.startedAt)
                : "—",
            ],
            [
              "Finished",
              c.state.finishedAt && !c.state.finishedAt.startsWith("0001")
                ? formatTime(c.state.finishedAt)
                : "—",
            ],
            [
              "Exit code",
              <span key="e">
                {c.state.exitCode}
                {c.state.oomKilled ? (
                  <>
                    {" "}
                    <Badge tone="red">OOM killed</Badge>
                  </>
                ) : null}
              </span>,
            ],
            ["Restart count", c.restartCount],
            ["Restart policy", c.restartPolicy || "no"],
            ...(c.state.error
              ? ([
                  [
                    "Error",
                    <span key="err" className="text-red-600">
                      {c.state.error}
                    </span>,
                  ],
                ] as [string, React.ReactNode][])
              : []),
          ]}
        />
        {c.state.health?.lastOutput ? (
          <pre className="mt-3 max-h-32 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
            {c.state.health.lastOutput}
          </pre>
        ) : null}
      </Card>
      <Card title="Configuration">
        <Rows
          rows={[
            [
              "Image",
              <span key="i" className={mono}>
                {c.image}
              </span>,
            ],
            [
              "Image id",
              <span key="ii" className={mono}>
                {c.imageId.replace("sha256:", "").slice(0, 19)}
              </span>,
            ],
            [
              "Command",
              <span key="c" className={mono}>
                {c.command.join(" ") || "—"}
              </span>,
            ],
            ["TTY", c.tty ? "yes" : "no"],
            ["Memory limit", c.memoryLimitBytes ? formatBytes(c.memoryLimitBytes) : "none"],
            ["CPU limit", c.nanoCpus ? `${c.nanoCpus / 1e9} CPU` : "none"],
            ["Created", formatTime(c.createdAt)],
            [
              "Id",
              <span key="id" className={mono}>
                {c.id.slice(0, 24)}…
              </span>,
            ],
          ]}
        />
      </Card>
      <Card title={`Environment (${c.env.length})`}>
        {c.env.length ? (
          <ul className={`max-h-64 space-y-0.5 overflow-auto ${mono}`}>
            {c.env.map((e) => (
              <li key={e} className="break-all">
                {e}
              </li>
            ))}
          </ul>
        ) : (
          <None what="variables" />
        )}
        <p className="mt-2 text-xs text-slate-500">
          Values of names containing pass, secret, token, key, credential or auth are masked.
        </p>
      </Card>
      <LinesCard title="Ports" lines={c.ports.map(portLine)} />
      <LinesCard title="Mounts" lines={c.mounts.map(mountLine)} />
      <LinesCard title="Networks" lines={c.networks.map(networkLine)} />
      <Card title={`Labels (${Object.keys(c.labels).length})`} className="lg:col-span-2">
        {Object.keys(c.labels).length ? (
          <ul className={`max-h-48 space-y-0.5 overflow-auto ${mono}`}>
            {Object.entries(c.labels).map(([k, v]) => (
              <li key={k} className="break-all">
                <span className="text-slate-500">{k}</span>={v}
              </li>
            ))}
          </ul>
        ) : (
          <None what="labels" />
        )}
      </Card>
    </div>
  );
}
