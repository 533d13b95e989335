// Every label key Wharf stamps on engine objects, in one place. Users may never write any `wharf.` label
// (lib/policy refuses them), and ownership is proven by OWNER_LABEL's HMAC, never by these values alone.

/** Which tenant, project, app and service an object belongs to (bound by the owner proof). */
export const TENANT_LABEL = "wharf.tenant";
export const PROJECT_LABEL = "wharf.project";
export const APP_LABEL = "wharf.app";
export const SERVICE_LABEL = "wharf.service";
export const WHARF_LABELS = {
  tenant: TENANT_LABEL,
  project: PROJECT_LABEL,
  app: APP_LABEL,
  service: SERVICE_LABEL,
} as const;

/** The HMAC that proves the server stamped an object's ownership labels (lib/docker/owner-proof.ts). */
export const OWNER_LABEL = "wharf.owner";

// Labels the deployer stamps next to the ownership labels.
export const HASH_LABEL = "wharf.spec-hash";
export const REPLICA_LABEL = "wharf.replica";
export const REVISION_LABEL = "wharf.revision";
/** The network or volume name as written in the spec (scoped names may be shortened with a hash). */
export const OBJECT_LABEL = "wharf.object";
/** The build an image came from. */
export const BUILD_LABEL = "wharf.build";
