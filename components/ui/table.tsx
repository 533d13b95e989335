/** A column heading: its text, or its text and extra classes; `false`/`null`: a column not shown to this viewer. */
export type Column = string | { label: string; className?: string } | false | null;
/** The row actions' column, aligned with its buttons. */
export const actionsColumn = { label: "Actions", className: "text-right" };

/** A table in its scrolling frame; `head` gives the header row's columns (else the children bring their own). */
export function Table({
  children,
  label,
  head,
}: {
  children: React.ReactNode;
  label: string;
  head?: readonly Column[];
}) {
  return (
    // `relative`: a screen-reader-only header (absolutely positioned) stays inside the scrolling frame; it widened
    // /swarm to 661 px at 390 otherwise.
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm" aria-label={label}>
        {head ? (
          <thead>
            <tr>
              {head.map((c) =>
                !c ? null : typeof c === "string" ? (
                  <Th key={c}>{c}</Th>
                ) : (
                  <Th key={c.label} className={c.className}>
                    {c.label}
                  </Th>
                ),
              )}
            </tr>
          </thead>
        ) : null}
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return (
    <th
      className={`border-b border-slate-200 px-3 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 ${className}`}
    >
      {children}
    </th>
  );
}

export function Td({ children, className = "" }: { children?: React.ReactNode; className?: string }) {
  return (
    <td className={`border-b border-slate-100 px-3 py-2 align-middle dark:border-slate-800/60 ${className}`}>
      {children}
    </td>
  );
}

/** A cell holding one code-like value (an address, an image reference, a URL), in the small monospace face. */
export function CodeCell({ children }: { children: React.ReactNode }) {
  return (
    <Td>
      <code className="font-mono text-xs">{children}</code>
    </Td>
  );
}
