import { created, readJson, withAuth } from "@/lib/api/with-auth";
import { createHosts } from "@/lib/services/hosts";
import { HostBulkCreateInput } from "@/lib/validations/host";

/** Admins only, as POST /hosts: up to 100 hosts, all or none (one audit entry naming each). */
export const POST = withAuth(
  async ({ req, audit }) => {
    const { hosts } = HostBulkCreateInput.parse(await readJson(req));
    audit.detail = { bulk: true, hosts: hosts.map((h) => ({ name: h.name, url: h.url, tls: !!h.tls })) };
    const items = await createHosts(hosts);
    Object.assign(audit, { targetType: "host", detail: { ...audit.detail, ids: items.map((h) => h.id) } });
    return created({ items });
  },
  { action: "host.create", globalRole: "admin" },
);
