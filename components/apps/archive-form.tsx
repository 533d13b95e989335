"use client";
// The "from an archive" form: a tar, tar.gz or zip of the folder around the compose file. The file is uploaded
// when the plan is asked for (POST /projects/{id}/archives, checked like a build upload), and the plan and deploy
// name the upload by its id; the server reads the files only inside it (docs/compose.md).
import { formatBytes } from "@/components/format";
import { TextField } from "@/components/ui/field";
import type { AppArchiveView } from "@/lib/validations/app";
import { FolderFileFields, pathList } from "./repository-form";
import type { SourceFormProps } from "./source-form";

export type ArchiveFormValues = {
  file: File | null;
  /** The upload of `file`, once made; a new file is uploaded again. */
  uploaded: AppArchiveView | null;
  composeFile: string;
  overrideFiles: string;
};
export const emptyArchiveForm: ArchiveFormValues = {
  file: null,
  uploaded: null,
  composeFile: "",
  overrideFiles: "",
};

/** The form filled from a revision's recorded origin: the files to read again, from an archive to upload again. */
export const archiveValues = (o: { composeFile: string; overrideFiles: string[] }): ArchiveFormValues => ({
  ...emptyArchiveForm,
  composeFile: o.composeFile,
  overrideFiles: o.overrideFiles.join(", "),
});

/** The API's archive source (empty fields left out: the server's defaults apply). */
export function toArchiveSource(v: ArchiveFormValues) {
  const overrides = pathList(v.overrideFiles);
  return {
    id: v.uploaded?.id ?? "",
    ...(v.composeFile.trim() ? { composeFile: v.composeFile.trim() } : {}),
    ...(overrides.length ? { overrideFiles: overrides } : {}),
  };
}

const at = (errors: Record<string, string>, k: string) => errors[`source.archive.${k}`];

export function ArchiveForm({ values, onChange, errors }: SourceFormProps<ArchiveFormValues>) {
  const up = values.uploaded;
  return (
    <div className="grid gap-4 md:grid-cols-2" data-testid="archive-form">
      <div className="md:col-span-2">
        <TextField
          label="Archive of the app's folder"
          type="file"
          required
          accept=".tar,.tgz,.tar.gz,.zip,application/x-tar,application/gzip,application/zip"
          onChange={(e) => onChange({ ...values, file: e.target.files?.[0] ?? null, uploaded: null })}
          error={errors.archive ?? at(errors, "id")}
          hint={
            up
              ? `Uploaded ${up.filename} (${up.kind}, ${formatBytes(up.bytes)}, ${up.entries} entries)${
                  up.composeFiles.length ? `; found ${up.composeFiles.join(", ")}` : ""
                }. Kept for 24 hours.`
              : "A tar, tar.gz or zip of the folder with your compose file (one top-level folder is fine), within the build upload's size limit. Uploaded when you review the plan."
          }
        />
      </div>
      <FolderFileFields
        where="archive"
        composeFile={{
          value: values.composeFile,
          onChange: (e) => onChange({ ...values, composeFile: e.target.value }),
          error: at(errors, "composeFile"),
        }}
        overrideFiles={{
          value: values.overrideFiles,
          onChange: (e) => onChange({ ...values, overrideFiles: e.target.value }),
          error: at(errors, "overrideFiles"),
        }}
      />
    </div>
  );
}
