"use client";
import { LogViewer } from "./log-viewer";

/** Merged logs of an app's containers, each line naming its container — for the app page to embed. */
export function AppLogs({ appId }: { appId: string }) {
  return <LogViewer basePath={`/apps/${encodeURIComponent(appId)}/logs`} downloadable={false} />;
}
