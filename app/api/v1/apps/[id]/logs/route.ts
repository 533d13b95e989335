import { readQuery, withAuth } from "@/lib/api/with-auth";
import { appLogSources, readAppLogs } from "@/lib/ops/app-logs";
import { logResponse, pickFormat } from "@/lib/ops/http-stream";
import { loadApp } from "@/lib/services/apps";
import { AppLogsQuery } from "@/lib/validations/ops";

/** Merged logs of every container of the app (label wharf.app=<id>), the container named on each line. */
export const GET = withAuth(
  async ({ req, actor, params }) => {
    const q = readQuery(req, AppLogsQuery);
    const { host, sources } = await appLogSources(actor, params.id, q.service);
    return logResponse(
      (signal) => readAppLogs(host, sources, { tail: q.tail, follow: q.follow, since: q.since }, signal),
      {
        format: pickFormat(req, q.format),
        timestamps: q.timestamps,
        reqSignal: req.signal,
      },
    );
  },
  { live: ({ actor, params }) => loadApp(actor, params.id) },
);
