import { withAuth } from "@/lib/api/with-auth";
import { getBuild } from "@/lib/services/builds";
import { openBuildLog } from "@/lib/services/builds";

/**
 * Chunked text: the log so far, then new output while the build runs; the response ends with the build.
 * `no-transform` keeps the server's compression from buffering the stream.
 */
export const GET = withAuth(
  async ({ actor, params }) => {
    const body = await openBuildLog(actor, params.id);
    return new Response(body, {
      headers: {
        "content-type": "text/plain; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
        "x-content-type-options": "nosniff",
      },
    });
  },
  { live: ({ actor, params }) => getBuild(actor, params.id) },
);
