import { containerActionRoute } from "@/lib/ops/action-route";

export const POST = containerActionRoute("start");
