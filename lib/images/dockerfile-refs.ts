// The images a Dockerfile makes the builder read: every FROM (after ARG substitution with the
// defaults and the build's --build-arg values), every COPY --from=<image>, and ONBUILD COPY --from
// (it runs later, in a child build, so it is checked when written). Stage names, stage indexes and
// `scratch` are not images. A reference that cannot be resolved (an ARG with no value) is an error:
// the builder would read whatever that resolves to, so it cannot be let through unchecked.

export type ImageUse = { ref: string; line: number; instruction: "FROM" | "COPY --from" };
export type DockerfileRefs = { uses: ImageUse[]; errors: { line: number; reason: string }[] };

type Line = { n: number; text: string };

/** Logical instructions: comments dropped, continuation lines joined (honours `# escape=`). */
function instructions(text: string): Line[] {
  const raw = text.split(/\r?\n/);
  const directive = /^#\s*escape\s*=\s*([\\`])\s*$/i.exec(raw[0] ?? "");
  const esc = directive ? directive[1] : "\\";
  const out: Line[] = [];
  let cur: Line | null = null;
  raw.forEach((l, i) => {
    const trimmed = l.trim();
    if (!cur && (trimmed === "" || trimmed.startsWith("#"))) return;
    if (cur && trimmed.startsWith("#")) return; // comments inside a continued instruction
    const continued = trimmed.endsWith(esc);
    const part = continued ? trimmed.slice(0, -1) : trimmed;
    cur = cur ? { n: cur.n, text: `${cur.text} ${part}` } : { n: i + 1, text: part };
    if (!continued) {
      out.push(cur);
      cur = null;
    }
  });
  if (cur) out.push(cur);
  return out;
}

const unquote = (v: string) => v.replace(/^"(.*)"$/s, "$1").replace(/^'(.*)'$/s, "$1");

/** `ARG A=1 B` → [["A","1"],["B",undefined]]. */
function argPairs(rest: string): [string, string | undefined][] {
  return (rest.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? []).map((tok) => {
    const eq = tok.indexOf("=");
    return eq < 0 ? [tok, undefined] : [tok.slice(0, eq), unquote(tok.slice(eq + 1))];
  });
}

/** $X, ${X}, ${X:-d}, ${X-d}, ${X:+a}, ${X+a}; null when a variable has no value and no default. */
export function expandArgs(value: string, vars: Map<string, string>): string | null {
  let unresolved = false;
  const out = value.replace(
    /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (
      _m,
      braced: string | undefined,
      op: string | undefined,
      word: string | undefined,
      bare: string | undefined,
    ) => {
      const name = (braced ?? bare)!;
      const v = vars.get(name);
      const set = v !== undefined && (op?.startsWith(":") ? v !== "" : true);
      if (op?.endsWith("-")) return set ? v! : (word ?? "");
      if (op?.endsWith("+")) return set ? (word ?? "") : "";
      if (v === undefined) unresolved = true;
      return v ?? "";
    },
  );
  return unresolved || out.includes("$") ? null : out;
}

export function dockerfileImageRefs(text: string, buildArgs: Record<string, string>): DockerfileRefs {
  const uses: ImageUse[] = [];
  const errors: DockerfileRefs["errors"] = [];
  const globals = new Map<string, string>();
  const stages: string[] = [];
  let seenFrom = false;
  const isStage = (v: string) => stages.includes(v.toLowerCase()) || /^\d+$/.test(v);
  const addImage = (line: number, instruction: ImageUse["instruction"], raw: string) => {
    const ref = expandArgs(raw, globals);
    if (ref === null || ref === "") {
      errors.push({
        line,
        reason: `${instruction} ${raw}: the image cannot be resolved (an ARG has no value)`,
      });
      return;
    }
    if (instruction === "COPY --from" && isStage(ref)) return;
    if (instruction === "FROM" && (ref.toLowerCase() === "scratch" || isStage(ref))) return;
    uses.push({ ref, line, instruction });
  };
  for (const { n, text: ins } of instructions(text)) {
    const m = /^(\w+)\s*(.*)$/s.exec(ins);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const rest = m[2];
    if (keyword === "ARG" && !seenFrom) {
      // Only ARGs before the first FROM take part in FROM lines; --build-arg overrides their defaults.
      for (const [name, def] of argPairs(rest)) {
        const v = Object.hasOwn(buildArgs, name) ? buildArgs[name] : def;
        if (v !== undefined) globals.set(name, v);
      }
    } else if (keyword === "FROM") {
      seenFrom = true;
      const words = rest.split(/\s+/).filter((w) => !w.startsWith("--"));
      if (words[0]) addImage(n, "FROM", words[0]);
      if (words[1]?.toLowerCase() === "as" && words[2]) stages.push(words[2].toLowerCase());
    } else if (keyword === "COPY" || keyword === "ONBUILD") {
      const copy = keyword === "ONBUILD" ? /^COPY\s+(.*)$/is.exec(rest)?.[1] : rest;
      const from = copy ? /(?:^|\s)--from=(\S+)/.exec(copy)?.[1] : undefined;
      if (from) addImage(n, "COPY --from", unquote(from));
    }
  }
  return { uses, errors };
}
