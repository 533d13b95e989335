// Swarm-only `deploy:` keys (mode, placement, endpoint_mode) and the long port form's `mode`. Kept
// apart from normalize-service.ts: standalone deploys ignore them (the plan says so), Swarm applies them.
import { listOf, rawOf, stringList, warnExtensions, type Ctx, type Raw } from "./normalize-fields";
import { toInt } from "./normalize-options";
import { formatPath, type PathSeg } from "./path";
import type { SwarmPlacement } from "./spec";

/** `node.role == manager`, `node.labels.zone != b`, `engine.labels.os==linux`: what Swarm's scheduler accepts. */
const CONSTRAINT_RE = /^\s*(node|engine)\.[A-Za-z0-9_.-]+\s*(==|!=)\s*\S.*$/;

/**
 * Field errors for constraints a Swarm engine refuses ("constraint expected one operator from ==, !=", as
 * Engine 20.10 answers `docker service create --constraint node=foo`); a standalone host ignores placement.
 */
export function swarmConstraintProblems(name: string, placement: SwarmPlacement | undefined) {
  const errors: Record<string, string> = {};
  (placement?.constraints ?? []).forEach((c, i) => {
    if (!CONSTRAINT_RE.test(c))
      errors[`services.${name}.deploy.placement.constraints.${i}`] =
        `"${c}" is not a Swarm constraint (the engine wants one operator, == or !=) — write e.g. "node.role == manager" or "node.labels.zone != b"`;
  });
  return errors;
}

export type SwarmDeploy = { mode?: "global"; placement?: SwarmPlacement };

export function normalizeSwarmDeploy(ctx: Ctx, deploy: Raw, at: PathSeg[]): SwarmDeploy {
  const out: SwarmDeploy = {};
  const mode = deploy.mode === undefined ? "replicated" : String(deploy.mode);
  if (mode === "global") {
    out.mode = "global";
    if (deploy.replicas !== undefined)
      ctx.errors.push({
        path: [...at, "replicas"],
        message: "replicas cannot be combined with mode: global (one task runs on every eligible node)",
      });
  } else if (mode !== "replicated")
    ctx.errors.push({ path: [...at, "mode"], message: "must be one of: replicated, global" });

  const endpoint = deploy.endpoint_mode;
  if (endpoint !== undefined && endpoint !== "dnsrr" && endpoint !== "vip")
    ctx.errors.push({ path: [...at, "endpoint_mode"], message: "must be one of: vip, dnsrr" });
  else if (endpoint === "vip")
    ctx.warnings.push(
      `${formatPath([...at, "endpoint_mode"])}: vip needs IPVS; Wharf gives every Swarm service DNS round robin (dnsrr)`,
    );

  const raw = rawOf(deploy.placement);
  if (!raw) return out;
  const p = [...at, "placement"];
  warnExtensions(ctx, raw, p);
  // Any string is a valid constraint under the spec's schema (compose-go and docker-compose 1.29 take
  // "node=foo"); only a Swarm engine refuses a malformed one, so it is checked when the target is a Swarm.
  const constraints = stringList(raw.constraints) ?? [];
  // A spread over an attribute no node has (spread=zone) is accepted by Engine 20.10: every node ties.
  const preferences = listOf(raw.preferences).flatMap((x) => {
    const spread = rawOf(x)?.spread;
    return typeof spread === "string" ? [spread] : [];
  });
  // The schema allows a string ("3", or one interpolated from a variable): read as a whole number, like replicas.
  const max = toInt(ctx, raw.max_replicas_per_node, [...p, "max_replicas_per_node"]);
  if (max !== undefined && max < 1)
    ctx.errors.push({ path: [...p, "max_replicas_per_node"], message: "must be a whole number ≥ 1" });
  out.placement = {
    constraints: constraints.map((c) => c.trim()),
    preferences,
    ...(max !== undefined ? { maxReplicasPerNode: max } : {}),
  };
  return out;
}
