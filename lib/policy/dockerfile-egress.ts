/**
 * What a Dockerfile makes the ENGINE fetch over the network: `ADD <url>` sources (fetched by dockerd
 * from the host's own network, outside any build network) and the registries named by `FROM` and
 * `COPY --from`. Pure, so every trick is a unit test: line continuations (with `# escape=`), JSON form,
 * flags such as `--checksum=`, `ONBUILD ADD`, any case, heredocs and multi-stage builds.
 * It errs on the side of refusing: heredoc bodies are scanned like instructions, and an `ADD` source
 * with a variable is reported (it could expand to a URL).
 */
import { logicalLines } from "@/lib/policy/dockerfile-lines";

export type DockerfileFetch =
  | { kind: "url"; url: string; line: number }
  | { kind: "variable"; source: string; line: number }
  | { kind: "image"; image: string; line: number };

/** Shell-form words or the JSON array form. */
function argsOf(rest: string): string[] {
  const t = rest.trim();
  if (t.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(t);
      if (Array.isArray(parsed)) return parsed.map(String);
    } catch {
      /* not JSON: the engine reads it as shell form too */
    }
  }
  return t.split(/\s+/).filter(Boolean);
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/|^git@|^[a-z0-9.-]+:[^/]*\.git\b/i;

function addFetches(rest: string, line: number): DockerfileFetch[] {
  const words = argsOf(rest);
  const jsonForm = rest.trim().startsWith("[");
  const operands = words.filter((w) => !w.startsWith("--"));
  // Flags come before the operands in shell form; JSON form has none.
  const sources = (jsonForm ? words : operands).slice(0, -1).filter((w) => !/^<<-?["']?\w/.test(w));
  return sources.flatMap((s): DockerfileFetch[] => {
    if (URL_LIKE.test(s)) return [{ kind: "url", url: s, line }];
    if (s.includes("$")) return [{ kind: "variable", source: s, line }];
    return [];
  });
}

/** Every network fetch the Dockerfile asks the engine for, in order. */
export function dockerfileFetches(text: string): DockerfileFetch[] {
  const stages = new Set<string>();
  const found: DockerfileFetch[] = [];
  for (const { text: l, line } of logicalLines(text)) {
    let m = /^(\w+)\s*(.*)$/s.exec(l);
    if (!m) continue;
    let instr = m[1].toUpperCase();
    let rest = m[2];
    if (instr === "ONBUILD") {
      m = /^(\w+)\s*(.*)$/s.exec(rest);
      if (!m) continue;
      instr = m[1].toUpperCase();
      rest = m[2];
    }
    if (instr === "ADD") found.push(...addFetches(rest, line));
    if (instr === "FROM") {
      const words = argsOf(rest).filter((w) => !w.startsWith("--"));
      const image = words[0];
      if (image?.includes("$")) found.push({ kind: "variable", source: image, line });
      else if (image && !stages.has(image.toLowerCase()) && image.toLowerCase() !== "scratch")
        found.push({ kind: "image", image, line });
      if (words[1]?.toLowerCase() === "as" && words[2]) stages.add(words[2].toLowerCase());
    }
    if (instr === "COPY" || instr === "RUN") {
      for (const w of argsOf(rest)) {
        const from = /^--(?:from=|mount=.*\bfrom=)([^,\s]+)/i.exec(w)?.[1];
        if (from && !/^\d+$/.test(from) && !stages.has(from.toLowerCase()))
          found.push({ kind: "image", image: from, line });
      }
    }
  }
  return found;
}
