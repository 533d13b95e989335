import type { GlobalRole } from "@/lib/validations/roles";

export type NavItem = { href: string; label: string; icon: string; roles?: GlobalRole[] };
export type NavSection = { title?: string; items: NavItem[] };

/** The sidebar. `roles` limits an entry to those global roles; the server checks again on every page and API call. */
export const navSections: NavSection[] = [
  {
    items: [
      { href: "/", label: "Overview", icon: "◎" },
      { href: "/projects", label: "Projects", icon: "▦" },
      { href: "/apps", label: "Apps", icon: "◈" },
      { href: "/templates", label: "Templates", icon: "❖" },
      { href: "/builds", label: "Builds", icon: "⚒" },
      { href: "/registries", label: "Registries", icon: "⛁" },
      { href: "/images", label: "Shared images", icon: "◧" },
      { href: "/containers", label: "Containers", icon: "▣" },
    ],
  },
  {
    title: "Operations",
    items: [
      { href: "/cluster", label: "Cluster health", icon: "♥", roles: ["admin", "ops"] },
      { href: "/hosts", label: "Hosts", icon: "▤", roles: ["admin", "ops"] },
      { href: "/swarm", label: "Swarm nodes", icon: "⬡", roles: ["admin", "ops"] },
      { href: "/timeline", label: "Timeline", icon: "◷" },
      { href: "/usage", label: "Usage", icon: "◔" },
      { href: "/alerts", label: "Alerts", icon: "⚠" },
    ],
  },
  {
    title: "Administration",
    items: [
      { href: "/admin/tenants", label: "Tenants", icon: "◫", roles: ["admin"] },
      { href: "/admin/users", label: "Users", icon: "☺", roles: ["admin"] },
      { href: "/admin/policy", label: "Policy", icon: "⚖", roles: ["admin"] },
      { href: "/admin/audit", label: "Audit log", icon: "≣", roles: ["admin"] },
      { href: "/admin/egress", label: "Egress", icon: "⇄", roles: ["admin"] },
      { href: "/admin/backups", label: "Backups", icon: "⛁", roles: ["admin"] },
    ],
  },
  { items: [{ href: "/settings", label: "Settings", icon: "⚙" }] },
];
