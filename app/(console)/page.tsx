import Link from "next/link";
import { redirect } from "next/navigation";
import { GettingStarted, type Step } from "@/components/overview/getting-started";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RowLink } from "@/components/ui/row-link";
import { TextLink } from "@/components/ui/text-link";
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/current";
import { pageTenantId } from "@/lib/auth/selected-tenant";
import { db } from "@/lib/db";
import { listHosts } from "@/lib/services/hosts";
import { listProjects } from "@/lib/services/projects";
import { listTenants } from "@/lib/services/tenants";

/** The checklist, one row a step in order: whether it is done, what to do, where, and a hint. */
const steps = (...rows: [done: boolean, label: string, href: string, hint: string][]): Step[] =>
  rows.map(([done, label, href, hint]) => ({ done, label, href, hint }));

/** Admins set the stage (host, tenant, grant, people); developers then create a project and deploy. */
async function nextSteps(actor: Actor, tenantCount: number, projectIds: string[]): Promise<Step[]> {
  if (actor.globalRole === "admin") {
    const [hosts, grants, members] = await Promise.all([
      listHosts(actor),
      db.hostGrant.count(),
      db.membership.count(),
    ]);
    return steps(
      [
        hosts.length > 0,
        "Add a Docker host",
        "/hosts",
        "A unix socket or tcp:// with TLS certificates; the local engine is added on first run.",
      ],
      [tenantCount > 0, "Create a tenant", "/admin/tenants", "A team with its own projects and quotas."],
      [grants > 0, "Grant a host to the tenant", "/hosts", "Tenants deploy only on hosts granted to them."],
      [
        members > 0,
        "Add people to the tenant",
        "/admin/users",
        "Users get a one-time password and a role per tenant.",
      ],
    );
  }
  const apps = projectIds.length ? await db.app.count({ where: { projectId: { in: projectIds } } }) : 0;
  return steps(
    [projectIds.length > 0, "Create a project", "/projects", "Projects hold apps and builds."],
    [
      apps > 0,
      "Deploy an app",
      projectIds[0] ? `/projects/${projectIds[0]}` : "/projects",
      "From an image, a compose file, or the voting-app sample.",
    ],
  );
}

export const metadata = { title: "Overview" };

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  // Ops watch the fleet, not the developers' getting-started steps: they land on the cluster.
  if (actor.globalRole === "ops") redirect("/cluster");
  const [tenants, allProjects, tenantId] = await Promise.all([
    listTenants(actor),
    listProjects(actor),
    pageTenantId(actor, searchParams),
  ]);
  // Recent projects within the tenant context (among the actor's own: a foreign id in the URL just shows none).
  const projects = tenantId ? allProjects.filter((p) => p.tenantId === tenantId) : allProjects;
  const steps = await nextSteps(
    actor,
    tenants.length,
    allProjects.map((p) => p.id),
  );
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name || actor.email}`}
        description="Your tenants and projects at a glance."
      />
      <GettingStarted steps={steps} />
      {tenants.length === 0 ? (
        <EmptyState title="You are not in any tenant yet">
          {actor.globalRole === "admin" ? (
            <>
              Create a tenant under <TextLink href="/admin/tenants">Tenants</TextLink>, then add users to it.
            </>
          ) : (
            "Ask an administrator to add you to a tenant."
          )}
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <Card title="Tenants">
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {tenants.map((t) => (
                <li key={t.id} className="flex justify-between py-2">
                  <span className="font-medium">{t.name}</span>
                  <span className="text-slate-500">
                    {t.role ?? "—"} · {t.projectCount} projects
                  </span>
                </li>
              ))}
            </ul>
          </Card>
          <Card
            title="Recent projects"
            actions={
              <Link href="/projects" className="text-xs text-sky-700 hover:underline dark:text-sky-400">
                All projects →
              </Link>
            }
          >
            {projects.length === 0 ? (
              <p className="text-slate-500">
                No projects yet. <TextLink href="/projects">Create one</TextLink> to deploy apps.
              </p>
            ) : (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {projects.slice(0, 8).map((p) => (
                  <li key={p.id} className="flex justify-between py-2">
                    <RowLink href={`/projects/${p.id}`}>{p.name}</RowLink>
                    <span className="text-slate-500">{p.tenantName}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
    </>
  );
}
