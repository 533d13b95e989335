// Shared by the deploy unit tests: the app the plans are made for.
import type { AppTarget } from "./types";

export const voteTarget = (mode: AppTarget["mode"]): AppTarget => ({
  appId: "app1",
  appName: "vote",
  tenantId: "t1",
  tenantSlug: "acme",
  projectId: "p1",
  projectSlug: "shop",
  hostId: "h1",
  mode,
});
