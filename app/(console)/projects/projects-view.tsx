"use client";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { DeleteDialog } from "@/components/ui/delete-dialog";
import { Dialog } from "@/components/ui/dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { TextField } from "@/components/ui/field";
import { FormActions } from "@/components/ui/form-actions";
import { fieldErrors } from "@/components/ui/form-error";
import { PageHeader } from "@/components/ui/page-header";
import { RowActions } from "@/components/ui/row-actions";
import { RowLink } from "@/components/ui/row-link";
import { SkeletonRows } from "@/components/ui/skeleton";
import { actionsColumn, Table, Td } from "@/components/ui/table";
import { TenantSelect } from "@/components/ui/tenant-select";
import { LocalTime } from "@/components/ui/time";
import { useSchemaForm } from "@/lib/client/form";
import { useProjectMutations, useProjects } from "@/lib/client/hooks/use-projects";
import { useTenantScope } from "@/lib/client/tenant-context";
import { ProjectCreateInput, type ProjectView } from "@/lib/validations/project";

type Props = { writableTenants: { id: string; name: string }[] };

export function ProjectsView({ writableTenants }: Props) {
  const tenantId = useTenantScope();
  const projects = useProjects(tenantId);
  const { create, rename, remove } = useProjectMutations();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<ProjectView | null>(null);
  const [deleting, setDeleting] = useState<ProjectView | null>(null);
  const canWrite = (p: ProjectView) => writableTenants.some((t) => t.id === p.tenantId);
  const createForm = useSchemaForm(ProjectCreateInput, create.error);
  const errors = fieldErrors(createForm.error);

  return (
    <>
      <PageHeader
        title="Projects"
        description="A project groups the apps and builds of one product inside a tenant."
        actions={
          writableTenants.length > 0 ? (
            <Button
              onClick={() => {
                create.reset();
                createForm.reset();
                setCreating(true);
              }}
            >
              New project
            </Button>
          ) : null
        }
      />
      {projects.data?.length === 0 ? (
        <EmptyState
          title="No projects yet"
          action={
            writableTenants.length > 0 ? (
              <Button onClick={() => setCreating(true)}>Create your first project</Button>
            ) : null
          }
        >
          {writableTenants.length > 0
            ? "Create a project, then deploy an app or start a build in it."
            : "You can read projects in your tenants, but creating them needs the developer or owner role."}
        </EmptyState>
      ) : (
        <Table label="Projects" head={["Name", "Tenant", "Created", actionsColumn]}>
          <tbody>
            {projects.isPending ? <SkeletonRows columns={4} label="Loading projects…" /> : null}
            {projects.data?.map((p) => (
              <tr key={p.id} data-testid={`project-row-${p.slug}`}>
                <Td>
                  <RowLink href={`/projects/${p.id}`}>{p.name}</RowLink>
                </Td>
                <Td>{p.tenantName}</Td>
                <Td className="text-slate-500">
                  <LocalTime iso={p.createdAt} />
                </Td>
                <RowActions
                  canWrite={canWrite(p)}
                  editLabel="Rename"
                  onEdit={() => setRenaming(p)}
                  onDelete={() => setDeleting(p)}
                />
              </tr>
            ))}
          </tbody>
        </Table>
      )}

      <Dialog open={creating} onClose={() => setCreating(false)} title="New project">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            const input = createForm.parse({ tenantId: f.get("tenantId"), name: f.get("name") });
            if (input)
              create.mutate(input, {
                onSuccess: (p) => {
                  setCreating(false);
                  toast.success(`Project ${p.name} created`);
                },
              });
          }}
        >
          <TenantSelect tenants={writableTenants} preferred={tenantId} error={errors.tenantId} />
          <TextField
            label="Name"
            name="name"
            required
            autoFocus
            error={errors.name ?? errors.slug}
            placeholder="e.g. Storefront"
          />
          <FormActions
            error={createForm.error && !Object.keys(errors).length ? createForm.error : null}
            onCancel={() => setCreating(false)}
            busy={create.isPending}
            submit="Create project"
          />
        </form>
      </Dialog>

      <Dialog open={!!renaming} onClose={() => setRenaming(null)} title="Rename project">
        <form
          className="space-y-4"
          onSubmit={(e) => {
            e.preventDefault();
            const name = String(new FormData(e.currentTarget).get("name"));
            if (renaming)
              rename.mutate(
                { id: renaming.id, name },
                {
                  onSuccess: () => {
                    setRenaming(null);
                    toast.success(`Project renamed to ${name}`);
                  },
                },
              );
          }}
        >
          <TextField label="Name" name="name" defaultValue={renaming?.name} required autoFocus />
          <FormActions onCancel={() => setRenaming(null)} busy={rename.isPending} />
        </form>
      </Dialog>

      <DeleteDialog
        what="project"
        title={`Delete ${deleting?.name}?`}
        target={deleting}
        remove={remove}
        onClose={() => setDeleting(null)}
      >
        The project is removed. A project that still has apps cannot be deleted: remove its apps first.
      </DeleteDialog>
    </>
  );
}
