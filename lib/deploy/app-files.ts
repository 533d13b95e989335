import "server-only";
// The contents of an app's compose secrets and configs: inline `content:` (configs), or the app variable named by
// `environment:`. A pasted file has no folder, so `file:` never gets here (refused by the parser, issue 16).
// Each service's reference gets a keyed digest of its content: a new value changes the service's hash, so its
// replicas are replaced, and names the Swarm object (Swarm secrets cannot change in place).
import { createHmac } from "node:crypto";
import type { AppSpec, ServiceSpec } from "@/lib/compose/spec";
import type { FileRef } from "@/lib/compose/spec-options";
import { derivedKey } from "@/lib/crypto";
import type { AppVariables } from "./app-variables";

export type FileKind = "secrets" | "configs";
/** kind → object name → content; external objects have none (they live on the Swarm). */
export type FileContents = Record<FileKind, Record<string, string>>;
export const FILE_KINDS: FileKind[] = ["secrets", "configs"];

export function fileContents(spec: AppSpec, variables: AppVariables): FileContents {
  const out: FileContents = { secrets: {}, configs: {} };
  for (const kind of FILE_KINDS)
    for (const [name, f] of Object.entries(spec[kind] ?? {})) {
      if (f.external) continue;
      const content = f.content ?? (f.variable !== undefined ? variables.values[f.variable] : undefined);
      if (content !== undefined) out[kind][name] = content;
    }
  return out;
}

/** Keyed (the server's at-rest key), so the digest of a short secret cannot be guessed from the spec. */
export const contentDigest = (content: string) =>
  createHmac("sha256", derivedKey("compose-file-digest")).update(content).digest("hex").slice(0, 12);

export function withFileDigests(spec: AppSpec, contents: FileContents): AppSpec {
  const stamp = (kind: FileKind, refs: FileRef[] | undefined) =>
    refs?.map((r) => {
      const content = contents[kind][r.source];
      const { digest: _ignored, ...ref } = r;
      return content === undefined ? ref : { ...ref, digest: contentDigest(content) };
    });
  const services = Object.fromEntries(
    Object.entries(spec.services).map(([n, s]): [string, ServiceSpec] => [
      n,
      s.secrets || s.configs
        ? {
            ...s,
            ...(s.secrets ? { secrets: stamp("secrets", s.secrets) } : {}),
            ...(s.configs ? { configs: stamp("configs", s.configs) } : {}),
          }
        : s,
    ]),
  );
  return { ...spec, services };
}

/** Where a reference lands in the container: Compose's defaults are /run/secrets/<source> and /<source>. */
export function fileTarget(kind: FileKind, ref: FileRef): string {
  const target = ref.target ?? ref.source;
  if (target.startsWith("/")) return target;
  return kind === "secrets" ? `/run/secrets/${target}` : `/${target}`;
}

/** The rule: secrets 0400, configs 0444, unless the file says otherwise. */
export const fileMode = (kind: FileKind, ref: FileRef) => ref.mode ?? (kind === "secrets" ? 0o400 : 0o444);
