"use client";
import { Fragment, useState } from "react";
import { toast } from "sonner";
import { formatAgo, formatBytes } from "@/components/format";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { controlClass } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { useSetAvailability, useSwarmNode, useSwarmNodes } from "@/lib/client/hooks/use-swarm";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import type { SwarmNodeView } from "@/lib/validations/ops-views";

const availTone: Record<string, BadgeTone> = { active: "green", pause: "amber", drain: "red" };
const taskTone = (s: string): BadgeTone =>
  s === "running"
    ? "green"
    : /failed|rejected|orphaned/.test(s)
      ? "red"
      : /shutdown|complete/.test(s)
        ? "gray"
        : "amber";
const keys = ["node"] as const;

export function SwarmView() {
  const nodes = useSwarmNodes();
  const { filters, setFilter } = useUrlFilters(keys);
  const setAvailability = useSetAvailability();
  const [confirm, setConfirm] = useState<{ node: SwarmNodeView; availability: string } | null>(null);
  const apply = (node: SwarmNodeView, availability: string) =>
    setAvailability.mutate(
      { id: node.id, availability },
      {
        onSuccess: () => toast.success(`${node.hostname} is now ${availability}`),
        onSettled: () => setConfirm(null),
      },
    );

  return (
    <>
      <PageHeader
        title="Swarm nodes"
        description={
          nodes.data?.hostName
            ? `As seen by manager host ${nodes.data.hostName}. Drain a node to move its tasks elsewhere before maintenance.`
            : "Nodes of the Swarm your hosts belong to."
        }
      />
      {nodes.isLoading ? (
        <p className="text-sm text-slate-500">Looking for a Swarm manager among the hosts…</p>
      ) : null}
      {nodes.isError ? <p className="text-sm text-red-600">{nodes.error.message}</p> : null}
      {!nodes.isSuccess ? null : !nodes.data.hostId ? (
        <EmptyState title="No Swarm manager among your hosts">
          Run <code>docker swarm init</code> on a host (or join it to a Swarm as a manager), then add that
          host under Hosts.
        </EmptyState>
      ) : (
        <Table label="Swarm nodes">
          <thead>
            <tr>
              <Th>Node</Th>
              <Th>Role</Th>
              <Th>Status</Th>
              <Th>Availability</Th>
              <Th>Engine</Th>
              <Th className="text-right">CPU / memory</Th>
              <Th className="text-right">Tasks</Th>
              <Th>
                <span className="sr-only">Tasks</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {(nodes.data?.items ?? []).map((n) => (
              <Fragment key={n.id}>
                <tr>
                  <Td>
                    <span className="font-medium">{n.hostname}</span>
                    <span className="block font-mono text-xs text-slate-500">
                      {n.id.slice(0, 12)} · {n.address}
                    </span>
                  </Td>
                  <Td className="text-xs">
                    {n.role}
                    {n.leader ? (
                      <>
                        {" "}
                        <Badge tone="blue">leader</Badge>
                      </>
                    ) : null}
                  </Td>
                  <Td>
                    <Badge tone={n.status === "ready" ? "green" : "red"}>{n.status}</Badge>
                  </Td>
                  <Td>
                    <select
                      aria-label={`Availability of ${n.hostname}`}
                      className={`${controlClass} w-auto py-1`}
                      value={n.availability}
                      disabled={setAvailability.isPending}
                      onChange={(e) =>
                        e.target.value === "active"
                          ? apply(n, "active")
                          : setConfirm({ node: n, availability: e.target.value })
                      }
                    >
                      <option value="active">active</option>
                      <option value="pause">pause</option>
                      <option value="drain">drain</option>
                    </select>
                    <span className="ml-2">
                      <Badge tone={availTone[n.availability] ?? "gray"}>{n.availability}</Badge>
                    </span>
                  </Td>
                  <Td className="font-mono text-xs">{n.engineVersion}</Td>
                  <Td className="text-right text-xs tabular-nums">
                    {n.nanoCpus / 1e9} CPU · {formatBytes(n.memoryBytes)}
                  </Td>
                  <Td className="text-right tabular-nums">{n.tasksRunning}</Td>
                  <Td className="text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-expanded={filters.node === n.id}
                      onClick={() => setFilter("node", filters.node === n.id ? "" : n.id)}
                    >
                      {filters.node === n.id ? "Hide tasks" : "Show tasks"}
                    </Button>
                  </Td>
                </tr>
                {filters.node === n.id ? (
                  <tr>
                    <td colSpan={8} className="bg-slate-50 px-3 py-3 dark:bg-slate-950">
                      <NodeTasks id={n.id} />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </Table>
      )}
      <ConfirmDialog
        open={!!confirm}
        title={`Set ${confirm?.node.hostname} to ${confirm?.availability}?`}
        confirmLabel={`Set to ${confirm?.availability ?? ""}`}
        busy={setAvailability.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && apply(confirm.node, confirm.availability)}
      >
        {confirm?.availability === "drain"
          ? `Its ${confirm.node.tasksRunning} running task(s) are stopped and rescheduled on other nodes; with no other node they wait as pending. Set it back to active to use it again.`
          : "No new tasks will be placed on it; the running ones stay."}
      </ConfirmDialog>
    </>
  );
}

/** The node's tasks, refreshed every 2 s so a drain is seen moving them. */
function NodeTasks({ id }: { id: string }) {
  const q = useSwarmNode(id);
  if (q.isLoading) return <p className="text-sm text-slate-500">Loading tasks…</p>;
  const tasks = (q.data?.tasks ?? []).slice(0, 30);
  if (!tasks.length) return <p className="text-sm text-slate-500">No tasks on this node.</p>;
  return (
    <ul className="space-y-1 text-sm" aria-label="Tasks on this node" aria-live="polite">
      {tasks.map((t) => (
        <li key={t.id} className="flex flex-wrap items-center gap-2">
          <span className="font-medium">
            {t.serviceName}
            {t.slot ? `.${t.slot}` : ""}
          </span>
          <Badge tone={taskTone(t.state)}>{t.state}</Badge>
          <span className="text-xs text-slate-500">
            desired {t.desiredState} · {formatAgo(t.updatedAt)}
          </span>
          {t.error || t.message ? (
            <span className="text-xs text-slate-500">{t.error || t.message}</span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
