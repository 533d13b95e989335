"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Table, Td, Th } from "@/components/ui/table";
import type { ServiceState } from "@/lib/client/hooks/use-apps";
import { PortLinks, ServiceReplicas } from "./service-replicas";

type Props = {
  services: ServiceState[];
  canWrite: boolean;
  busy: boolean;
  /** Where published ports answer. */
  host: string;
  onScale: (service: string, replicas: number) => void;
  onRestart: (service: string) => void;
};

/** Each service with running/desired replicas, its containers (linked), published ports, restart and scale. */
export function ServicesTable({ services, canWrite, busy, host, onScale, onRestart }: Props) {
  return (
    <Table label="Services">
      <thead>
        <tr>
          <Th>Service</Th>
          <Th>Replicas</Th>
          <Th>Containers</Th>
          <Th>Ports</Th>
          {canWrite ? <Th className="text-right">Actions</Th> : null}
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.name} data-testid={`service-${s.name}`}>
            <Td>
              <span className="block font-mono text-xs font-medium">{s.name}</span>
              <span className="block font-mono text-xs text-slate-500">{s.image}</span>
            </Td>
            <Td>
              <span
                data-testid={`replicas-${s.name}`}
                className={s.running === s.desired ? "" : "text-amber-600"}
              >
                {s.running}/{s.desired}
              </span>
            </Td>
            <Td>
              <ServiceReplicas service={s.name} replicas={s.replicas} />
            </Td>
            <Td>
              <PortLinks ports={s.ports} host={host} />
            </Td>
            {canWrite ? (
              <Td className="text-right whitespace-nowrap">
                <Button
                  size="sm"
                  variant="secondary"
                  className="mr-2"
                  aria-label={`Restart ${s.name}`}
                  disabled={busy}
                  onClick={() => onRestart(s.name)}
                >
                  Restart
                </Button>
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
