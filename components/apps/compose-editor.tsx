"use client";
// The compose editor: CodeMirror with YAML highlighting, and the same parser the server uses run
// in the browser, so errors show inline (gutter and underline) and in a list with line numbers.
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { useEffect, useMemo, useState } from "react";
import { CodeEditor } from "@/components/ui/code-editor";
import { missingVariables, parseCompose, type ComposeError } from "@/lib/compose";

type Check = { errors: ComposeError[]; variables: string[] };

/**
 * The browser does not know the app's variables (secrets are never sent back): a variable the file needs is not an
 * error here but a note; the server's plan uses the app's values and asks for the ones missing.
 */
export function checkCompose(text: string): Check {
  if (!text.trim()) return { errors: [], variables: [] };
  const r = parseCompose(text);
  return r.ok
    ? { errors: [], variables: [] }
    : { errors: r.errors.filter((e) => !e.variable), variables: missingVariables(r.errors) };
}
export const composeErrors = (text: string) => checkCompose(text).errors;

function toDiagnostics(text: string): Diagnostic[] {
  const lines = text.split("\n");
  const offsetOf = (line: number) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  return composeErrors(text).map((e) => {
    const line = Math.min(Math.max(e.line ?? 1, 1), lines.length);
    const from = offsetOf(line);
    return {
      from,
      to: from + lines[line - 1].length,
      severity: "error",
      message: `${e.path ? `${e.path}: ` : ""}${e.message}`,
    };
  });
}

type Props = {
  value: string;
  onChange: (v: string) => void;
  serverErrors?: Record<string, string>;
  /** The server refused the current text (policy, variables…): never say "valid" next to that. */
  refused?: boolean;
  label?: string;
};

export function ComposeEditor({ value, onChange, serverErrors, refused, label = "Compose file" }: Props) {
  // Errors remember the text they were computed for, so a message never outlives the text it is about.
  const [checked, setChecked] = useState<{ text: string } & Check>({ text: "", errors: [], variables: [] });
  const [serverText, setServerText] = useState<string | null>(null);
  useEffect(() => {
    const t = setTimeout(() => setChecked({ text: value, ...checkCompose(value) }), 250);
    return () => clearTimeout(t);
  }, [value]);
  // Server errors belong to the text that was sent; remember it when they arrive.
  const serverKey = JSON.stringify(serverErrors ?? null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new server answer re-binds it, not typing
  useEffect(() => setServerText(serverErrors ? value : null), [serverKey]);
  const current = checked.text === value;
  const errors = current ? checked.errors : [];
  const variables = current ? checked.variables : [];
  const extensions = useMemo(
    () => [yaml(), lintGutter(), linter((view) => toDiagnostics(view.state.doc.toString()), { delay: 300 })],
    [],
  );
  const server =
    serverText === value ? Object.entries(serverErrors ?? {}).filter(([k]) => k.startsWith("compose")) : [];
  return (
    <div className="space-y-2">
      <CodeEditor
        value={value}
        onChange={onChange}
        extensions={extensions}
        label={label}
        labelActions={<UploadButton onLoad={onChange} />}
        testId="compose-editor"
      />
      {errors.length > 0 || server.length > 0 ? (
        <ul
          role="alert"
          aria-label="Compose errors"
          className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {errors.map((e, i) => (
            <li key={`c${i}`}>
              <span className="font-mono">{e.line ? `line ${e.line}` : "file"}</span>
              {e.path ? (
                <>
                  {" "}
                  · <span className="font-mono">{e.path}</span>
                </>
              ) : null}
              : {e.message}
            </li>
          ))}
          {errors.length === 0
            ? server.map(([k, v]) => (
                <li key={k}>
                  <span className="font-mono">{k.replace(/^compose\.?/, "") || "file"}</span>: {v}
                </li>
              ))
            : null}
        </ul>
      ) : !value.trim() ? null : !current ? (
        <p className="text-xs text-slate-500" data-testid="compose-checking">
          Checking…
        </p>
      ) : variables.length > 0 ? (
        <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="compose-variables">
          Uses variables: <span className="font-mono">{variables.join(", ")}</span>. The rest is checked once
          they have values — Review plan uses the app&apos;s variables and asks for any that are missing.
        </p>
      ) : refused ? null : (
        <p className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="compose-valid">
          The compose file is valid.
        </p>
      )}
    </div>
  );
}

function UploadButton({ onLoad }: { onLoad: (text: string) => void }) {
  return (
    <label className="cursor-pointer rounded-md px-2 py-1 text-xs font-medium text-sky-700 focus-within:ring-2 focus-within:ring-sky-500/40 hover:bg-sky-50 dark:text-sky-400 dark:hover:bg-slate-800">
      Upload a file…
      <input
        type="file"
        accept=".yml,.yaml,text/yaml"
        className="sr-only"
        onChange={async (e) => {
          const f = e.target.files?.[0];
          if (f) onLoad(await f.text());
        }}
      />
    </label>
  );
}
