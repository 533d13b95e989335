import "server-only";
import { removeFirewallSync, syncFirewall } from "@/lib/egress/firewall";

declare global {
  var wharfShutdown: (() => void) | undefined;
}
const g = globalThis;

/** Start-up hook: writes the firewall chain for Wharf's bridges; server.ts removes it on SIGTERM/SIGINT. */
export async function startEgressFirewall() {
  await syncFirewall();
  g.wharfShutdown = removeFirewallSync;
}
