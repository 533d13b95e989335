// Containers a test creates straight on an engine, labelled as Wharf would label them: with an ownership proof
// under the test server's key (lib/docker/owner-proof.ts). Without the proof the server treats them as no tenant's.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { OWNER_LABEL, WHARF_LABELS } from "@/lib/docker/labels";
import { deriveOwnerKey, ownerProof } from "@/lib/docker/owner-proof";
import type { WharfServer } from "./wharf-server";

/** The server's at-rest key material (the file it keeps in its data dir), created first if it has none yet. */
function ownerKeyOf(server: Pick<WharfServer, "dataDir">): Buffer {
  const file = path.join(server.dataDir, "secret.key");
  try {
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
  } catch {
    /* the server made it already */
  }
  const material = fs.readFileSync(file, "utf8").trim();
  return deriveOwnerKey(createHash("sha256").update(material).digest());
}

/** wharf.tenant/project/app/service plus a valid proof for a container named `name`. */
export function provedLabels(
  server: Pick<WharfServer, "dataDir">,
  name: string,
  o: { tenant: string; project?: string; app?: string; service?: string },
): Record<string, string> {
  const f = { tenant: o.tenant, project: o.project ?? "p", app: o.app ?? "a", service: o.service ?? "web" };
  return {
    [WHARF_LABELS.tenant]: f.tenant,
    [WHARF_LABELS.project]: f.project,
    [WHARF_LABELS.app]: f.app,
    [WHARF_LABELS.service]: f.service,
    [OWNER_LABEL]: ownerProof(ownerKeyOf(server), "c", f, name),
  };
}
