"use client";
import { RowButton } from "@/components/ui/row-actions";
import { actionsColumn, Table, Td } from "@/components/ui/table";
import type { ServiceStateView } from "@/lib/validations/app";
import { DesiredReplicas } from "./scale-stage";
import { PortLinks, ServiceReplicas } from "./service-replicas";
import type { ScaleStage } from "./use-scale-stage";

type Props = {
  services: ServiceStateView[];
  canWrite: boolean;
  busy: boolean;
  /** Where published ports answer. */
  host: string;
  /** Staged scaling; null for who may not change the app. */
  stage: ScaleStage | null;
  onRestart: (service: string) => void;
};

/** Each service with its staged desired replicas beside what runs, its containers (linked), published ports, restart. */
export function ServicesTable({ services, canWrite, busy, host, stage, onRestart }: Props) {
  return (
    <Table label="Services" head={["Service", "Replicas", "Containers", "Ports", canWrite && actionsColumn]}>
      <tbody>
        {services.map((s) => (
          <tr key={s.name} data-testid={`service-${s.name}`}>
            <Td>
              <span className="block font-mono text-xs font-medium">{s.name}</span>
              <span className="block font-mono text-xs text-slate-500">{s.image}</span>
            </Td>
            <Td className="whitespace-nowrap">
              <span className="inline-flex items-center gap-2">
                {stage && !s.global ? (
                  <DesiredReplicas
                    service={s.name}
                    desired={s.desired}
                    staged={stage.staged[s.name]}
                    disabled={busy || stage.busy !== null}
                    onStage={(n) => stage.stage(s.name, n)}
                  />
                ) : null}
                <span className="text-xs text-slate-600 dark:text-slate-400">
                  <span
                    data-testid={`replicas-${s.name}`}
                    className={`tabular-nums ${s.running === s.desired ? "" : "text-amber-600"}`}
                  >
                    {s.running}/{s.desired}
                  </span>{" "}
                  running{s.global ? " (one per node)" : ""}
                </span>
              </span>
            </Td>
            <Td>
              <ServiceReplicas service={s.name} replicas={s.replicas} />
            </Td>
            <Td>
              <PortLinks ports={s.ports} host={host} />
            </Td>
            <RowButton
              show={canWrite}
              variant="secondary"
              aria-label={`Restart ${s.name}`}
              disabled={busy}
              onClick={() => onRestart(s.name)}
            >
              Restart
            </RowButton>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
