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

/** Flags (`--chown=…`) come first, in either form: `ADD --chown=1 ["a", "b"]` is JSON form too. */
function flagsAndArgs(rest: string): { flags: string[]; words: string[] } {
  let t = rest.trim();
  const flags: string[] = [];
  for (let m = /^(--\S+)\s*/.exec(t); m; m = /^(--\S+)\s*/.exec(t)) {
    flags.push(m[1]);
    t = t.slice(m[0].length);
  }
  return { flags, words: argsOf(t) };
}

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\/|^git@|^[a-z0-9.-]+:[^/]*\.git\b/i;
const isHeredocMarker = (w: string) => /^<<-?["']?\w/.test(w);

/** An `ADD` with at least one URL source: what Wharf fetches itself for non-admins (lib/builds/dockerfile-egress.ts). */
export type RemoteAdd = {
  /** First and last physical line of the instruction (continuations included). */
  line: number;
  end: number;
  onbuild: boolean;
  flags: string[];
  sources: string[];
  urls: string[];
  dest: string;
};

function parseAdd(rest: string, line: number, end: number, onbuild: boolean): RemoteAdd | null {
  const { flags, words } = flagsAndArgs(rest);
  const sources = words.slice(0, -1).filter((w) => !isHeredocMarker(w));
  const urls = sources.filter((w) => URL_LIKE.test(w));
  if (urls.length === 0) return null;
  return { line, end, onbuild, flags, sources, urls, dest: words.at(-1) ?? "" };
}

function addFetches(rest: string, line: number): DockerfileFetch[] {
  const { words } = flagsAndArgs(rest);
  const sources = words.slice(0, -1).filter((w) => !isHeredocMarker(w));
  return sources.flatMap((s): DockerfileFetch[] => {
    if (URL_LIKE.test(s)) return [{ kind: "url", url: s, line }];
    if (s.includes("$")) return [{ kind: "variable", source: s, line }];
    return [];
  });
}

/** Each logical line's instruction (upper case) and arguments; `ONBUILD X` gives X with `onbuild`. */
function instructions(text: string) {
  return logicalLines(text).flatMap(({ text: l, line, end }) => {
    let m = /^(\w+)\s*(.*)$/s.exec(l);
    if (!m) return [];
    const onbuild = m[1].toUpperCase() === "ONBUILD";
    if (onbuild) m = /^(\w+)\s*(.*)$/s.exec(m[2]);
    if (!m) return [];
    return [{ instr: m[1].toUpperCase(), rest: m[2], line, end, onbuild }];
  });
}

/** Every `ADD` (and `ONBUILD ADD`) that names a URL, in order. */
export function remoteAdds(text: string): RemoteAdd[] {
  return instructions(text).flatMap((i) =>
    i.instr === "ADD" ? (parseAdd(i.rest, i.line, i.end, i.onbuild) ?? []) : [],
  );
}

/**
 * Replaces whole instructions (physical lines `line`..`end`) by one line each, and keeps every other
 * line where it was (blank lines fill the gap), so that line numbers in later messages still match
 * what the user wrote.
 */
export function replaceInstructions(
  text: string,
  edits: { line: number; end: number; text: string }[],
): string {
  const lines = text.split(/\r?\n/);
  for (const e of edits) {
    for (let i = e.line; i <= e.end; i++) lines[i - 1] = "";
    lines[e.line - 1] = e.text;
  }
  return lines.join("\n");
}

/** `COPY` in JSON form (no word splitting; variables in `dest` expand as they did in the ADD). */
export const copyInstruction = (flags: string[], sources: string[], dest: string) =>
  `COPY ${[...flags, JSON.stringify([...sources, dest])].join(" ")}`;

/** Every network fetch the Dockerfile asks the engine for, in order. */
export function dockerfileFetches(text: string): DockerfileFetch[] {
  const stages = new Set<string>();
  const found: DockerfileFetch[] = [];
  for (const { instr, rest, line } of instructions(text)) {
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
