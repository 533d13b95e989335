"use client";
import { useEffect, useState, type ComponentProps } from "react";
import { controlClass } from "@/components/ui/field";
import { FilterSelect, type FilterOption } from "@/components/ui/filter-select";
import { CONTAINER_STATES } from "@/lib/validations/fleet-views";

type Keys = "host" | "state" | "project" | "q";
type Props = {
  filters: Record<Keys, string>;
  setFilter: (k: Keys, v: string) => void;
  hosts: FilterOption[];
  projects: FilterOption[];
  hideHost?: boolean;
};

/** A labelled filter (the label above the list, as the search box has it). */
function Select({ label, ...select }: { label: string } & ComponentProps<typeof FilterSelect>) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
      {label}
      <FilterSelect className={`${controlClass} min-w-36`} {...select} />
    </label>
  );
}

/** Host, state, project and free text; every value lives in the URL (the tenant is the header's context). */
export function ContainerFilters({ filters, setFilter, hosts, projects, hideHost }: Props) {
  const [text, setText] = useState(filters.q);
  useEffect(() => setText(filters.q), [filters.q]);
  useEffect(() => {
    if (text === filters.q) return;
    // Short: the server answers a text filter over 100k containers in tens of ms, and the target is 200 ms.
    const t = setTimeout(() => setFilter("q", text), 100);
    return () => clearTimeout(t);
  }, [text, filters.q, setFilter]);
  const lists: [Keys, string, readonly FilterOption[], string][] = [
    ["host", "Host", hosts, "All hosts"],
    ["state", "State", CONTAINER_STATES, "Any state"],
    ["project", "Project", projects, "All projects"],
  ];
  return (
    <div className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter containers">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
        Search
        <input
          type="search"
          className={`${controlClass} w-56`}
          placeholder="Name, image, id, status"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      {lists.map(([key, label, options, all]) =>
        hideHost && key === "host" ? null : (
          <Select
            key={key}
            label={label}
            value={filters[key]}
            onChange={(v) => setFilter(key, v)}
            options={options}
            all={all}
          />
        ),
      )}
    </div>
  );
}
