import "server-only";
import { readFile } from "node:fs/promises";
import { registryHostOf } from "@/lib/builds/tags";
import { allowList } from "@/lib/egress/allow-list";
import { EgressRefused, EgressUnresolved, resolveEgress, type EgressSubject } from "@/lib/egress/check";
import { dockerfileFetches } from "@/lib/policy/dockerfile-egress";
import { allowedByList, EGRESS_REFUSED } from "@/lib/policy/egress";

/** A Dockerfile asks the engine for something the policy refuses; the message names the line. */
export class DockerfileEgressError extends Error {}

const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/**
 * For non-admins: the engine fetches `ADD <url>` itself, from the HOST's network, following redirects,
 * outside the build network — so such a URL is allowed only when an admin's allow-list entry names
 * where it resolves to (public URLs included: a public URL can redirect to loopback). An `ADD` source
 * or `FROM` image with a variable is refused (it could expand to anything). Images are pulled by the
 * engine too: a registry host the policy refuses is refused here.
 */
export async function checkDockerfileEgress(file: string, who: EgressSubject): Promise<void> {
  if (who.admin) return;
  const text = (await readFile(file)).subarray(0, MAX_DOCKERFILE_BYTES).toString("utf8");
  const list = await allowList();
  for (const f of dockerfileFetches(text)) {
    const at = `Dockerfile line ${f.line}`;
    if (f.kind === "variable")
      throw new DockerfileEgressError(
        `${at}: "${f.source}" uses a variable; write the source or image literally (ADD of a URL is ${EGRESS_REFUSED} unless an admin allow-lists it)`,
      );
    if (f.kind === "url") {
      const target = parseHttpUrl(f.url);
      const address = target ? await resolveEgress(target.hostname, target.port, who).catch(() => "") : "";
      if (!address || !allowedByList(address, target!.port, list))
        throw new DockerfileEgressError(
          `${at}: ADD ${f.url.slice(0, 200)}: ${EGRESS_REFUSED} (COPY the file into the build context instead, or ask an admin to allow-list the address)`,
        );
    }
    if (f.kind === "image") {
      const host = registryHostOf(f.image);
      if (host === "docker.io") continue;
      const [name, port] = host.startsWith("[")
        ? [host.slice(0, host.indexOf("]") + 1), host.split("]:")[1]]
        : host.split(":");
      try {
        await resolveEgress(name, Number(port) || 443, who);
      } catch (err) {
        if (err instanceof EgressUnresolved) continue; // the engine will fail to pull it, as it would anyway
        if (err instanceof EgressRefused)
          throw new DockerfileEgressError(`${at}: image ${f.image.slice(0, 200)}: ${EGRESS_REFUSED}`);
        throw err;
      }
    }
  }
}

function parseHttpUrl(text: string): { hostname: string; port: number } | null {
  try {
    const u = new URL(text);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return { hostname: u.hostname, port: Number(u.port) || (u.protocol === "https:" ? 443 : 80) };
  } catch {
    return null;
  }
}
