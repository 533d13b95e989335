import { z } from "zod";
import type { Operation } from "@/lib/openapi/types";
import { AppPreviewsInput, AppPreviewsView, PreviewView } from "@/lib/validations/preview";

/** Preview environments per pull/merge request (docs/edge.md "Preview environments"). */
export const previewsOperations: Operation[] = [
  {
    method: "get",
    path: "/apps/{id}/previews",
    tag: "apps",
    summary:
      "The app's previews (one per open pull/merge request), whether previews are on, the cap and expiry",
    response: AppPreviewsView,
  },
  {
    method: "put",
    path: "/apps/{id}/previews",
    tag: "apps",
    summary:
      "Turn previews on or off for an app deployed from a repository (developers); previews that exist stay until closed or expired",
    body: AppPreviewsInput,
    response: AppPreviewsView,
  },
  {
    method: "delete",
    path: "/apps/{id}/previews/{number}",
    tag: "apps",
    summary: "Remove a preview now, with its volumes (developers)",
    response: z.object({ number: z.number() }),
  },
  {
    method: "post",
    path: "/apps/{id}/previews/{number}/approve",
    tag: "apps",
    summary:
      "Let a fork's request have the app's secret variables, and redeploy its preview (developers); 409 for a request that is not from a fork",
    response: PreviewView,
  },
];
