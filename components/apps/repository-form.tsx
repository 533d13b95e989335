"use client";
// The "from a repository" form: where the compose file and its folder live. The server clones the repository,
// reads the files only inside the checkout, and names the field of any refusal (docs/compose.md).
import { TextField } from "@/components/ui/field";
import type { SourceFormProps } from "./source-form";

export type RepositoryFormValues = {
  url: string;
  ref: string;
  composeFile: string;
  overrideFiles: string;
  username: string;
  password: string;
  pollSeconds: string;
};
export const emptyRepositoryForm: RepositoryFormValues = {
  url: "",
  ref: "main",
  composeFile: "",
  overrideFiles: "",
  username: "",
  password: "",
  pollSeconds: "",
};

/** The form filled from a revision's recorded origin (the password stays on the server, reused for the same URL). */
export const repositoryValues = (o: {
  url?: string;
  ref?: string;
  composeFile: string;
  overrideFiles: string[];
}): RepositoryFormValues => ({
  ...emptyRepositoryForm,
  url: o.url ?? "",
  ref: o.ref ?? "",
  composeFile: o.composeFile,
  overrideFiles: o.overrideFiles.join(", "),
});

const optional = (s: string) => (s.trim() ? s.trim() : undefined);

/** Comma- or line-separated paths (override files), as the repository and archive forms take them. */
export const pathList = (s: string) =>
  s
    .split(/[\n,]/)
    .map((p) => p.trim())
    .filter(Boolean);

/** The API's repository source; empty fields are left out (the server's defaults apply). */
export function toRepositorySource(v: RepositoryFormValues) {
  const overrides = pathList(v.overrideFiles);
  return {
    url: v.url.trim(),
    ref: optional(v.ref),
    composeFile: optional(v.composeFile),
    ...(overrides.length ? { overrideFiles: overrides } : {}),
    username: optional(v.username),
    password: v.password || undefined,
    ...(v.pollSeconds.trim() ? { pollSeconds: Number(v.pollSeconds) } : {}),
  };
}

const at = (errors: Record<string, string>, k: string) => errors[`source.repository.${k}`];

export function RepositoryForm({ values, onChange, errors }: SourceFormProps<RepositoryFormValues>) {
  const field = (k: keyof RepositoryFormValues) => ({
    value: values[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...values, [k]: e.target.value }),
    error: at(errors, k),
  });
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="repository-form">
      <TextField
        label="Repository URL"
        placeholder="https://git.example.com/team/shop.git"
        required
        hint="https or ssh"
        {...field("url")}
      />
      <TextField label="Branch, tag or commit" placeholder="main" {...field("ref")} />
      <FolderFileFields
        where="repository"
        composeFile={field("composeFile")}
        overrideFiles={field("overrideFiles")}
      />
      <TextField label="Username" autoComplete="off" {...field("username")} />
      <TextField
        label="Password or token"
        type="password"
        autoComplete="new-password"
        hint="Stored encrypted, never shown again"
        {...field("password")}
      />
      <TextField
        label="Poll every (seconds)"
        inputMode="numeric"
        placeholder="off"
        hint="Optional, 60–86400; pushes to the app's webhook deploy too"
        {...field("pollSeconds")}
      />
    </div>
  );
}

type FieldBinding = {
  value: string;
  onChange: (e: React.ChangeEvent<HTMLInputElement>) => void;
  error?: string;
};

/** Which files of the folder to read: the same two fields for a repository and an archive. */
export function FolderFileFields({
  where,
  composeFile,
  overrideFiles,
}: {
  where: "repository" | "archive";
  composeFile: FieldBinding;
  overrideFiles: FieldBinding;
}) {
  return (
    <>
      <TextField
        label="Compose file"
        placeholder="compose.yaml"
        hint={`Path in the ${where}; default: compose.yaml or docker-compose.yml at its root`}
        {...composeFile}
      />
      <TextField
        label="Override files"
        placeholder="compose.prod.yaml"
        hint="Comma-separated; default: compose.override.yaml when present"
        {...overrideFiles}
      />
    </>
  );
}
