/**
 * The main list pages and, for each, its first row of real data (skeleton rows carry `data-skeleton`). bench/ui.ts
 * times each cold load to this row; e2e/a11y.spec.ts waits for it and then checks that nothing shifted on the way.
 */
export const MAIN_LIST_PAGES: { path: string; row: string }[] = [
  // Admins and developers stay on the overview (ops are sent to /cluster): its tenants list.
  { path: "/", row: "main ul li" },
  { path: "/projects", row: 'table[aria-label="Projects"] tbody tr:not([data-skeleton])' },
  { path: "/apps", row: 'table[aria-label="Apps"] tbody tr:not([data-skeleton])' },
  { path: "/containers", row: '[data-testid="container-row"]' },
  { path: "/cluster", row: 'table[aria-label="Hosts"] tbody tr:not([data-skeleton])' },
  { path: "/hosts", row: 'table[aria-label="Hosts"] tbody tr:not([data-skeleton])' },
  { path: "/templates", row: "main ul li" },
  { path: "/admin/tenants", row: 'table[aria-label="Tenants"] tbody tr:not([data-skeleton])' },
  { path: "/admin/users", row: 'table[aria-label="Users"] tbody tr:not([data-skeleton])' },
  { path: "/admin/audit", row: 'table[aria-label="Audit events"] tbody tr:not([data-skeleton])' },
];
