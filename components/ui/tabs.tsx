/**
 * An underlined row of tabs. On a narrow screen it scrolls sideways inside itself instead of widening the page;
 * the grey rule under it is an inset shadow, which a scrolling box does not clip the way it clips a -1px margin.
 */
export function TabList({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div
      role="tablist"
      aria-label={label}
      className="mb-4 flex gap-1 overflow-x-auto shadow-[inset_0_-1px_0_var(--color-slate-200)] dark:shadow-[inset_0_-1px_0_var(--color-slate-800)]"
    >
      {children}
    </div>
  );
}

export function Tab({
  selected,
  onSelect,
  children,
}: {
  selected: boolean;
  onSelect: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      role="tab"
      aria-selected={selected}
      onClick={onSelect}
      className={`shrink-0 border-b-2 px-3 py-2 text-sm whitespace-nowrap capitalize focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset ${selected ? "border-sky-600 font-medium text-sky-700 dark:text-sky-400" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"}`}
    >
      {children}
    </button>
  );
}
