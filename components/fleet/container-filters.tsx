"use client";
import { useEffect, useState } from "react";
import { controlClass } from "@/components/ui/field";
import { CONTAINER_STATES } from "@/lib/validations/fleet-views";

type Option = { id: string; name: string };
type Keys = "host" | "state" | "project" | "q";
type Props = {
  filters: Record<Keys, string>;
  setFilter: (k: Keys, v: string) => void;
  hosts: Option[];
  projects: Option[];
  hideHost?: boolean;
};

function Select({
  label,
  value,
  onChange,
  options,
  all,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: Option[];
  all: string;
}) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-700 dark:text-slate-300">
      {label}
      <select className={`${controlClass} min-w-36`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
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
      {hideHost ? null : (
        <Select
          label="Host"
          value={filters.host}
          onChange={(v) => setFilter("host", v)}
          options={hosts}
          all="All hosts"
        />
      )}
      <Select
        label="State"
        value={filters.state}
        onChange={(v) => setFilter("state", v)}
        options={CONTAINER_STATES.map((s) => ({ id: s, name: s }))}
        all="Any state"
      />
      <Select
        label="Project"
        value={filters.project}
        onChange={(v) => setFilter("project", v)}
        options={projects}
        all="All projects"
      />
    </div>
  );
}
