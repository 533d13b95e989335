import { appStateRoute } from "@/lib/api/app-state-route";

export const POST = appStateRoute("restart");
