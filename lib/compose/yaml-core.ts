// YAML 1.2's core schema for js-yaml, scalar for scalar what the `yaml` library reads by default (its
// `core` schema), plus the `<<` merge key. js-yaml's own CORE_SCHEMA also reads 0b binary, signed hex and
// octal, and underscores in numbers; here those stay strings, as in `yaml` (lib/compose/fast-read.test.ts).
import { FAILSAFE_SCHEMA, Type } from "js-yaml";

const scalar = (tag: string, re: RegExp, construct: (s: string) => unknown) =>
  new Type(`tag:yaml.org,2002:${tag}`, { kind: "scalar", resolve: (s: string) => re.test(s), construct });

const FLOAT =
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/;

export const YAML_CORE_SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type("tag:yaml.org,2002:null", {
      kind: "scalar",
      resolve: (s: string | null) => s === null || /^(?:~|null|Null|NULL)?$/.test(s),
      construct: () => null,
    }),
    scalar("bool", /^(?:true|True|TRUE|false|False|FALSE)$/, (s) => s[0].toLowerCase() === "t"),
    scalar("int", /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (s) =>
      s.startsWith("0o")
        ? parseInt(s.slice(2), 8)
        : s.startsWith("0x")
          ? parseInt(s.slice(2), 16)
          : Number(s),
    ),
    scalar("float", FLOAT, (s) => {
      const inf = /^([-+]?)\.inf$/i.exec(s);
      if (inf) return inf[1] === "-" ? -Infinity : Infinity;
      return /^\.nan$/i.test(s) ? NaN : parseFloat(s);
    }),
    // js-yaml's own merge type (lib/type/merge.js), which its typings do not export.
    new Type("tag:yaml.org,2002:merge", {
      kind: "scalar",
      resolve: (s: string | null) => s === "<<" || s === null,
    }),
  ],
});
