"use client";
import { useMemo, useState } from "react";
import { TemplateCard } from "@/components/templates/template-card";
import { TemplateEditor } from "@/components/templates/template-editor";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { SkeletonCards } from "@/components/ui/skeleton";
import { useTemplateMutations, useTemplates, type TemplateView } from "@/lib/client/hooks/use-templates";
import { useUrlFilters } from "@/lib/client/use-url-filters";

const FILTER_KEYS = ["q"] as const;

/** Case-insensitive match on name, description, category and images. */
const matches = (t: TemplateView, q: string) =>
  [t.name, t.description, t.category, ...t.images].some((s) => s.toLowerCase().includes(q.toLowerCase()));

/** Categories in catalogue order (the first template of each decides). */
function byCategory(list: TemplateView[]): [string, TemplateView[]][] {
  const groups = new Map<string, TemplateView[]>();
  for (const t of list) groups.set(t.category, [...(groups.get(t.category) ?? []), t]);
  return [...groups];
}

/** The catalogue: cards grouped by category, a search in the URL; admins add, edit and delete their own. */
export function TemplatesView({ canEdit }: { canEdit: boolean }) {
  const templates = useTemplates();
  const { remove } = useTemplateMutations();
  const { filters, setFilter } = useUrlFilters(FILTER_KEYS);
  const [editing, setEditing] = useState<TemplateView | "new" | null>(null);
  const [removing, setRemoving] = useState<TemplateView | null>(null);
  const shown = useMemo(
    () => (templates.data ?? []).filter((t) => !filters.q || matches(t, filters.q)),
    [templates.data, filters.q],
  );
  const addButton = canEdit ? <Button onClick={() => setEditing("new")}>Add a template</Button> : null;
  return (
    <>
      <PageHeader
        title="Templates"
        description="Ready-made apps: pick one, fill in its variables, choose a project and a host, review the plan and deploy."
        actions={addButton}
      />
      <input
        type="search"
        aria-label="Search templates"
        placeholder="Search by name, category or image…"
        value={filters.q}
        onChange={(e) => setFilter("q", e.target.value)}
        className="mb-6 block w-full max-w-md rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none dark:border-slate-700 dark:bg-slate-900"
      />
      {templates.isPending ? (
        <SkeletonCards label="Loading templates…" />
      ) : templates.isError ? (
        <EmptyState title="The templates could not be loaded">{templates.error.message}</EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState
          title={filters.q ? `No template matches “${filters.q}”` : "No templates"}
          action={
            filters.q ? (
              <Button variant="secondary" onClick={() => setFilter("q", "")}>
                Clear the search
              </Button>
            ) : (
              addButton
            )
          }
        >
          {filters.q ? "Try another word: a name, a category or an image such as postgres." : null}
        </EmptyState>
      ) : (
        <div className="space-y-8">
          {byCategory(shown).map(([category, list]) => (
            <section key={category} aria-labelledby={`cat-${category}`}>
              <h2
                id={`cat-${category}`}
                className="mb-3 text-xs font-semibold tracking-wide text-slate-500 uppercase"
              >
                {category}
              </h2>
              <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
                {list.map((t) => (
                  <TemplateCard
                    key={t.id}
                    template={t}
                    actions={
                      canEdit && !t.builtIn ? (
                        <>
                          <Button size="sm" variant="ghost" onClick={() => setEditing(t)}>
                            Edit
                          </Button>
                          <Button size="sm" variant="ghost" onClick={() => setRemoving(t)}>
                            Delete
                          </Button>
                        </>
                      ) : null
                    }
                  />
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
      {editing ? (
        <TemplateEditor template={editing === "new" ? null : editing} onClose={() => setEditing(null)} />
      ) : null}
      <ConfirmDialog
        open={!!removing}
        title={`Delete the template ${removing?.name}?`}
        confirmLabel="Delete"
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })}
      >
        Apps deployed from it keep running; it leaves the catalogue for everyone.
      </ConfirmDialog>
    </>
  );
}
