// Labels the deployer stamps next to wharf.tenant/project/app/service (lib/fleet/scope.ts).
export const HASH_LABEL = "wharf.spec-hash";
export const REPLICA_LABEL = "wharf.replica";
export const REVISION_LABEL = "wharf.revision";
/** The network or volume name as written in the spec (scoped names may be shortened with a hash). */
export const OBJECT_LABEL = "wharf.object";
