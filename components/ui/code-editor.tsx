"use client";
// The one code editor (compose files, Dockerfiles): CodeMirror with the page's light/dark theme, labelled for
// screen readers on the editable element itself. Keyboard: Tab indents; Esc then Tab moves on to the next field
// (CodeMirror's tab-focus escape), so the editor never traps focus.
import CodeMirror, { EditorView, type Extension } from "@uiw/react-codemirror";
import { useEffect, useId, useMemo, useState } from "react";
import { FieldNote } from "@/components/ui/field";

const BASIC_SETUP = { foldGutter: false, highlightActiveLine: true };

type Props = {
  value: string;
  onChange: (v: string) => void;
  /** The language and checks (highlighting, lint) for this kind of file. */
  extensions: Extension[];
  label: string;
  /** Next to the label (e.g. an upload button). */
  labelActions?: React.ReactNode;
  hint?: string;
  error?: string;
  height?: string;
  placeholder?: string;
  testId?: string;
};

export function CodeEditor({
  value,
  onChange,
  extensions,
  label,
  labelActions,
  hint,
  error,
  height = "420px",
  placeholder,
  testId,
}: Props) {
  const id = useId();
  const [dark, setDark] = useState(false);
  useEffect(() => {
    setDark(
      document.documentElement.classList.contains("dark") ||
        window.matchMedia("(prefers-color-scheme: dark)").matches,
    );
  }, []);
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const all = useMemo(
    () => [
      ...extensions,
      EditorView.contentAttributes.of({
        "aria-labelledby": `${id}-label`,
        ...(described ? { "aria-describedby": described } : {}),
        ...(error ? { "aria-invalid": "true" } : {}),
      }),
    ],
    [extensions, id, described, error],
  );
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between">
        <span id={`${id}-label`} className="text-xs font-medium text-slate-700 dark:text-slate-300">
          {label}
        </span>
        {labelActions}
      </div>
      <div
        className={`overflow-hidden rounded-md border focus-within:ring-2 focus-within:ring-sky-500/30 ${error ? "border-red-500" : "border-slate-300 dark:border-slate-700"}`}
        data-testid={testId}
      >
        <CodeMirror
          value={value}
          onChange={onChange}
          extensions={all}
          theme={dark ? "dark" : "light"}
          height={height}
          placeholder={placeholder}
          basicSetup={BASIC_SETUP}
        />
      </div>
      <FieldNote id={id} error={error} hint={hint} />
    </div>
  );
}
