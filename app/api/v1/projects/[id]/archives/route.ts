import { created, withAuth } from "@/lib/api/with-auth";
import { uploadAppArchive } from "@/lib/services/app-archive";
import { loadProject } from "@/lib/services/projects";

/** Uploads an app's compose folder as an archive (multipart/form-data, an `archive` file): checked, then kept a day. */
export const POST = withAuth(
  async ({ req, actor, params, audit }) => {
    // Authorized from the path before a byte of the upload is read.
    const project = await loadProject(actor, params.id, "developer");
    Object.assign(audit, { tenantId: project.tenantId, targetType: "project", targetId: params.id });
    const archive = await uploadAppArchive(actor, params.id, req);
    audit.detail = { archiveId: archive.id, filename: archive.filename, bytes: archive.bytes };
    return created(archive);
  },
  { action: "app.archive.upload" },
);
