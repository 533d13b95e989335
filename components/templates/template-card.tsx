import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { TemplateView } from "@/lib/validations/template";

/** One template in the catalogue: what it runs, and the way to deploy it (the whole card is the link). */
export function TemplateCard({ template, actions }: { template: TemplateView; actions?: React.ReactNode }) {
  return (
    <li
      className="relative flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm focus-within:ring-2 focus-within:ring-sky-500 hover:border-sky-400 dark:border-slate-800 dark:bg-slate-900"
      data-testid={`template-${template.id}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h3 className="font-semibold">
          <Link
            href={`/templates/${template.id}`}
            className="after:absolute after:inset-0 focus:outline-none"
            aria-label={`Deploy ${template.name}`}
          >
            {template.name}
          </Link>
        </h3>
        {template.builtIn ? null : <Badge tone="blue">Custom</Badge>}
      </div>
      <p className="mt-1 flex-1 text-sm text-slate-600 dark:text-slate-400">{template.description}</p>
      <ul className="mt-3 flex flex-wrap gap-1" aria-label="Images">
        {template.images.map((i) => (
          <li key={i} className="max-w-full truncate">
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] dark:bg-slate-800">
              {i}
            </code>
          </li>
        ))}
      </ul>
      {actions ? <div className="relative z-10 mt-3 flex justify-end gap-1">{actions}</div> : null}
    </li>
  );
}
