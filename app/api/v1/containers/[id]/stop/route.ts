import { containerActionRoute } from "@/lib/api/container-action-route";

export const POST = containerActionRoute("stop");
