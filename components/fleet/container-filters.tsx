"use client";
import { useEffect, useRef, useState, type ComponentProps } from "react";
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
  // What this box last wrote to the URL. Only a change from elsewhere (back, a link, "clear") replaces the text:
  // the URL's re-render after our own write can land after the next key (Next applies it in a transition, which
  // typing interrupts), and copying it back then dropped that key.
  const written = useRef(filters.q);
  useEffect(() => {
    if (filters.q === written.current) return;
    written.current = filters.q;
    setText(filters.q);
  }, [filters.q]);
  const lastEdit = useRef(0);
  useEffect(() => {
    if (text === written.current) return;
    const apply = () => {
      written.current = text;
      setFilter("q", text);
    };
    // The first change after a pause (a paste, an autofill, the first key) applies at once; keys typed within
    // 100 ms of each other wait until the typing pauses. The server answers a text filter over 100k containers in
    // tens of ms: the 100 ms wait was half of the page's 216 ms in bench:scale, whose filter is one paste.
    const now = performance.now();
    const paused = now - lastEdit.current > 100;
    lastEdit.current = now;
    if (paused) return apply();
    const t = setTimeout(apply, 100);
    return () => clearTimeout(t);
  }, [text, setFilter]);
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
