import { created, readJson, readQuery, withAuth } from "@/lib/api/with-auth";
import { createBuild, createUploadBuild, listBuilds } from "@/lib/services/builds";
import { BuildCreateInput, BuildListQuery } from "@/lib/validations/build";
import { displayGitUrl } from "@/lib/validations/git-url";

export const GET = withAuth(async ({ req, actor }) => ({
  items: await listBuilds(actor, readQuery(req, BuildListQuery)),
}));

/** JSON for git and inline sources; multipart/form-data (`spec` field, then `context` file) for an uploaded archive. */
export const POST = withAuth(
  async ({ req, actor, audit }) => {
    const multipart = (req.headers.get("content-type") ?? "").startsWith("multipart/form-data");
    audit.targetType = "build";
    let build;
    if (multipart) {
      audit.detail = { sourceType: "upload" };
      build = await createUploadBuild(actor, req);
    } else {
      const input = BuildCreateInput.parse(await readJson(req));
      audit.detail = {
        sourceType: input.sourceType,
        projectId: input.projectId,
        hostId: input.hostId,
        ...(input.sourceType === "git" ? { url: displayGitUrl(input.git.url), ref: input.git.ref } : {}),
      };
      build = await createBuild(actor, input);
    }
    Object.assign(audit, {
      tenantId: build.tenantId,
      targetId: build.id,
      detail: { ...audit.detail, projectId: build.projectId, tags: build.tags },
    });
    return created(build);
  },
  { action: "build.create" },
);
