import { controlClass } from "./field";
import { FilterSelect, type FilterOption } from "./filter-select";
import type { ReactNode } from "react";

/** One control of a filter bar, bound to one URL filter: a list, a free text, or a time. */
export type FilterField<K extends string> = { key: K; label: string } & (
  | { all: string; options: readonly FilterOption[] }
  | { placeholder: string }
  /** A local date and time; `prefix` is shown before it, as its visible label. */
  | { time: true; prefix?: string }
);

type Props<K extends string> = {
  filters: Record<K, string>;
  setFilter: (key: K, value: string) => void;
  fields: FilterField<K>[];
  /** The bar's layout (grid or flex classes). */
  className: string;
  /** Extra classes of every control. */
  control?: string;
  /** What follows the controls (a "Clear filters" button, a control of another kind). */
  children?: ReactNode;
};

/** A list's filters (the audit log, the timeline, a host's events): each control reads and writes its URL filter. */
export function FilterBar<K extends string>({
  filters,
  setFilter,
  fields,
  className,
  control,
  children,
}: Props<K>) {
  const cls = [controlClass, control, "py-1.5"].filter(Boolean).join(" ");
  return (
    <div className={className} role="search">
      {fields.map((f) => {
        if ("all" in f)
          return (
            <FilterSelect
              key={f.key}
              aria-label={f.label}
              className={cls}
              value={filters[f.key]}
              onChange={(v) => setFilter(f.key, v)}
              all={f.all}
              options={f.options}
            />
          );
        if ("placeholder" in f)
          return (
            <input
              key={f.key}
              aria-label={f.label}
              placeholder={f.placeholder}
              className={cls}
              defaultValue={filters[f.key]}
              onChange={(e) => setFilter(f.key, e.target.value.trim())}
            />
          );
        const input = (
          <input
            key={f.key}
            aria-label={f.label}
            type="datetime-local"
            className={cls}
            value={filters[f.key]}
            onChange={(e) => setFilter(f.key, e.target.value)}
          />
        );
        return f.prefix ? (
          <label key={f.key} className="col-span-2 flex items-center gap-2 text-sm md:col-span-1">
            <span className="shrink-0 text-slate-500">{f.prefix}</span>
            {input}
          </label>
        ) : (
          input
        );
      })}
      {children}
    </div>
  );
}
