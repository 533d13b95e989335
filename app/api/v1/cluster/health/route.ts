import { withAuth } from "@/lib/api/with-auth";
import { clusterHealth } from "@/lib/ops/cluster-health";

/** Hosts up/down, CPU and memory per host and in total, top containers, restarting/unhealthy ones, recent failures (ops). */
export const GET = withAuth(async () => clusterHealth(), { globalRole: "ops" });
