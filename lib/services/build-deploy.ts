import "server-only";
// "Deploy this image": a finished build becomes a new app. Only a developer of the build's tenant can do it,
// into one of that tenant's projects, on the host the build ran on. The image is the build's recorded engine id
// (pinned: the content this build made, whatever its tag names later), and createApp's image check then proves
// from the database (TenantImage) that this tenant owns it — the request never names the image.
import { conflict, invalid, notFound } from "@/lib/api/errors";
import type { Actor } from "@/lib/auth/actor";
import { requireTenantRole } from "@/lib/authz";
import { db } from "@/lib/db";
import { createApp } from "@/lib/services/apps";
import { buildTags } from "@/lib/services/build-view";
import type { AppFromBuildInput } from "@/lib/validations/app";
import type { z } from "zod";

/** What the create flow needs to offer a build's image: the pinned reference, its host and the tenant's projects. */
export async function deployableBuild(actor: Actor, buildId: string) {
  const b = await db.build.findUnique({
    where: { id: buildId },
    select: {
      id: true,
      status: true,
      imageId: true,
      tags: true,
      hostId: true,
      projectId: true,
      project: { select: { tenantId: true } },
    },
  });
  if (!b) throw notFound("Build");
  requireTenantRole(actor, b.project.tenantId, "developer", "Build");
  if (b.status !== "succeeded" || !b.imageId)
    throw conflict("Only a build that succeeded has an image to deploy", { build: `is ${b.status}` });
  const projects = await db.project.findMany({
    where: { tenantId: b.project.tenantId },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  return {
    buildId: b.id,
    /** Pinned by engine id: Build records no registry digest, and the id is exactly what this build made. */
    image: b.imageId,
    tags: buildTags(b.tags),
    hostId: b.hostId,
    projectId: b.projectId,
    tenantId: b.project.tenantId,
    projects,
  };
}

export async function createAppFromBuild(
  actor: Actor,
  buildId: string,
  input: z.infer<typeof AppFromBuildInput>,
) {
  const build = await deployableBuild(actor, buildId);
  if (!build.projects.some((p) => p.id === input.projectId))
    throw invalid("projectId: must be a project of the build's tenant", {
      projectId: "must be a project of the build's tenant",
    });
  if (input.hostId && input.hostId !== build.hostId)
    throw invalid("hostId: the image is only on the host that built it", {
      hostId: "must be the host the build ran on",
    });
  const { projectId, image, ...app } = input;
  return createApp(actor, projectId, {
    ...app,
    hostId: build.hostId,
    source: { type: "image", image: { ...image, image: build.image } },
  });
}
