"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { ServiceState } from "@/lib/client/hooks/use-apps";

type Props = {
  services: ServiceState[];
  canWrite: boolean;
  busy: boolean;
  onScale: (service: string, replicas: number) => void;
};

const stateTone = (s: string, health: string | null) =>
  health === "unhealthy" || s === "exited" || s === "failed"
    ? "red"
    : health === "starting" || s === "starting" || s === "created"
      ? "amber"
      : s === "running"
        ? "green"
        : "gray";

/** Each service with running/desired replicas, its replicas, and − / + / set scale controls. */
export function ServicesTable({ services, canWrite, busy, onScale }: Props) {
  return (
    <Table label="Services">
      <thead>
        <tr>
          <Th>Service</Th>
          <Th>Image</Th>
          <Th>Replicas</Th>
          <Th>Ports</Th>
          <Th>Containers</Th>
          {canWrite ? <Th className="text-right">Scale</Th> : null}
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.name} data-testid={`service-${s.name}`}>
            <Td className="font-mono text-xs font-medium">{s.name}</Td>
            <Td className="font-mono text-xs text-slate-600 dark:text-slate-400">{s.image}</Td>
            <Td>
              <span
                data-testid={`replicas-${s.name}`}
                className={s.running === s.desired ? "" : "text-amber-600"}
              >
                {s.running}/{s.desired}
              </span>
            </Td>
            <Td className="text-xs">{s.ports.join(", ")}</Td>
            <Td>
              <div className="flex flex-wrap gap-1">
                {s.replicas.map((r) => (
                  <span key={r.name} title={r.name}>
                    <Badge tone={stateTone(r.state, r.health)}>
                      {r.name.split("_").pop()}: {r.health ?? r.state}
                      {r.node ? (
                        <span className="ml-1" data-testid="task-node">
                          on {r.node}
                        </span>
                      ) : null}
                    </Badge>
                  </span>
                ))}
              </div>
            </Td>
            {canWrite ? (
              <Td className="text-right">
                {s.global ? (
                  <span className="text-xs text-slate-500">one per node</span>
                ) : (
                  <ScaleControl service={s.name} current={s.desired} busy={busy} onScale={onScale} />
                )}
              </Td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </Table>
  );
}

function ScaleControl({
  service,
  current,
  busy,
  onScale,
}: {
  service: string;
  current: number;
  busy: boolean;
  onScale: (s: string, n: number) => void;
}) {
  const [value, setValue] = useState(String(current));
  return (
    <form
      className="inline-flex items-center gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        onScale(service, Number(value));
      }}
    >
      <Button
        type="button"
        size="sm"
        variant="secondary"
        aria-label={`Scale ${service} down`}
        disabled={busy || current === 0}
        onClick={() => onScale(service, current - 1)}
      >
        −
      </Button>
      <label className="sr-only" htmlFor={`scale-${service}`}>
        Replicas of {service}
      </label>
      <input
        id={`scale-${service}`}
        type="number"
        min={0}
        max={100}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        className="h-8 w-14 rounded-md border border-slate-300 bg-white px-2 text-sm focus:ring-2 focus:ring-sky-500/40 focus:outline-none dark:border-slate-700 dark:bg-slate-900"
      />
      <Button type="submit" size="sm" variant="secondary" disabled={busy || Number(value) === current}>
        Set
      </Button>
      <Button
        type="button"
        size="sm"
        variant="secondary"
        aria-label={`Scale ${service} up`}
        disabled={busy}
        onClick={() => onScale(service, current + 1)}
      >
        +
      </Button>
    </form>
  );
}
