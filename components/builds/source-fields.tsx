"use client";
import dynamic from "next/dynamic";
import { formatBytes } from "@/components/format";
import { Button } from "@/components/ui/button";
import { Field, TextField } from "@/components/ui/field";
import { listEdits } from "@/lib/client/list-edits";

// CodeMirror measures the DOM: render it in the browser only (as the compose editor).
const DockerfileEditor = dynamic(() => import("./dockerfile-editor").then((m) => m.DockerfileEditor), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500">Loading editor…</p>,
});

export type SourceType = "git" | "upload" | "inline";
export type ExtraFile = { path: string; content: string };
type Errors = Record<string, string>;

const mono = "font-mono text-xs";

export function SourceTabs({ value, onChange }: { value: SourceType; onChange: (v: SourceType) => void }) {
  const options: [SourceType, string][] = [
    ["git", "Git repository"],
    ["upload", "Upload an archive"],
    ["inline", "Write a Dockerfile"],
  ];
  return (
    <fieldset>
      <legend className="mb-1 block text-xs font-medium text-slate-700 dark:text-slate-300">Source</legend>
      <div
        className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-700"
        role="radiogroup"
        aria-label="Source"
      >
        {options.map(([v, label]) => (
          <label
            key={v}
            className={`cursor-pointer rounded px-3 py-1.5 text-sm focus-within:ring-2 focus-within:ring-sky-500/50 ${value === v ? "bg-sky-700 text-white" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
          >
            <input
              type="radio"
              name="sourceType"
              value={v}
              checked={value === v}
              onChange={() => onChange(v)}
              className="sr-only"
            />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function GitFields({ errors, isAdmin }: { errors: Errors; isAdmin: boolean }) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <TextField
          label="Repository URL"
          name="git.url"
          required
          error={errors["git.url"]}
          placeholder="https://git.example.com/team/app.git"
          hint={`https:// or ssh (git@host:path)${isAdmin ? "; as an admin you may also use a local path or file://" : ""}`}
        />
      </div>
      <TextField
        label="Branch, tag or commit"
        name="git.ref"
        error={errors["git.ref"]}
        placeholder="main (default branch if empty)"
      />
      <div />
      <TextField
        label="Username (https, optional)"
        name="git.username"
        autoComplete="off"
        error={errors["git.username"]}
      />
      <TextField
        label="Password or token (https, optional)"
        name="git.password"
        type="password"
        autoComplete="new-password"
        error={errors["git.password"]}
        hint="Stored nowhere for a one-off build; never logged."
      />
    </div>
  );
}

export function UploadFields({ errors, maxBytes }: { errors: Errors; maxBytes: number }) {
  return (
    <TextField
      label="Build context archive"
      name="context"
      type="file"
      required
      accept=".tar,.tgz,.tar.gz,.zip,application/x-tar,application/gzip,application/zip"
      error={errors.context}
      hint={`A tar, tar.gz or zip with your Dockerfile, up to ${formatBytes(maxBytes)} (also once extracted).`}
    />
  );
}

export function InlineFields({
  errors,
  dockerfile,
  setDockerfile,
  files,
  setFiles,
}: {
  errors: Errors;
  dockerfile: string;
  setDockerfile: (text: string) => void;
  files: ExtraFile[];
  setFiles: (f: ExtraFile[]) => void;
}) {
  const { update, remove } = listEdits(files, setFiles);
  return (
    <div className="space-y-4">
      <DockerfileEditor value={dockerfile} onChange={setDockerfile} error={errors["inline.dockerfile"]} />
      {files.map((f, i) => (
        <div key={i} className="space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <div className="flex items-end gap-2">
            <div className="flex-1">
              <TextField
                label={`File ${i + 1} path`}
                value={f.path}
                onChange={(e) => update(i, { path: e.target.value })}
                className={mono}
                placeholder="app/start.sh"
              />
            </div>
            <Button type="button" variant="ghost" size="sm" onClick={() => remove(i)}>
              Remove
            </Button>
          </div>
          <Field label={`File ${i + 1} content`}>
            {(p) => (
              <textarea
                {...p}
                rows={4}
                spellCheck={false}
                value={f.content}
                onChange={(e) => update(i, { content: e.target.value })}
                className={`${p.className} ${mono}`}
              />
            )}
          </Field>
        </div>
      ))}
      {errors["inline.files"] ? (
        <p className="text-xs text-red-600 dark:text-red-400">{errors["inline.files"]}</p>
      ) : null}
      <Button
        type="button"
        variant="secondary"
        size="sm"
        onClick={() => setFiles([...files, { path: "", content: "" }])}
      >
        Add a file
      </Button>
    </div>
  );
}
