"use client";
// The one code editor (compose files, Dockerfiles): CodeMirror with the page's light/dark theme, labelled for
// screen readers on the editable element itself. Keyboard: Tab indents; Esc then Tab moves on to the next field
// (CodeMirror's tab-focus escape), so the editor never traps focus.
import CodeMirror, { EditorView, type Extension } from "@uiw/react-codemirror";
import { useId, useMemo, useSyncExternalStore } from "react";
import { isDark, subscribeDark } from "@/components/shell/theme";
import { FieldNote } from "@/components/ui/field";

const BASIC_SETUP = { foldGutter: false, highlightActiveLine: true };
// CodeMirror's own placeholder grey is 3.7:1 on its dark background; the faint text colour is >= 4.9:1 in both.
const placeholderColour = EditorView.theme({ ".cm-placeholder": { color: "var(--color-slate-400)" } });

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
  // The page's theme, followed live (the header's toggle), not the system's preference.
  const dark = useSyncExternalStore(subscribeDark, isDark, () => false);
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const all = useMemo(
    () => [
      ...extensions,
      placeholderColour,
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
