import "server-only";
import { dockerFor, type HostConnection } from "@/lib/docker/client";
import type { Duplex } from "node:stream";

export type ExecSession = { execId: string; stream: Duplex };

/**
 * Creates and starts an interactive exec. `marker` is put in the process environment (WHARF_EXEC=marker)
 * so the process tree can be found and killed later: the engine keeps a TTY exec running after its
 * connection closes, and offers no API to kill an exec.
 */
export async function startExec(
  host: HostConnection,
  id: string,
  opts: { argv: string[]; tty: boolean; marker: string; cols?: number; rows?: number },
): Promise<ExecSession> {
  const { stream: docker } = dockerFor(host);
  const exec = await docker.getContainer(id).exec({
    Cmd: opts.argv,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: opts.tty,
    Env: [`WHARF_EXEC=${opts.marker}`, "TERM=xterm-256color"],
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: opts.tty });
  if (opts.tty && opts.cols && opts.rows)
    await resizeExec(host, exec.id, opts.cols, opts.rows).catch(() => undefined);
  return { execId: exec.id, stream };
}

export async function resizeExec(
  host: HostConnection,
  execId: string,
  cols: number,
  rows: number,
): Promise<void> {
  await dockerFor(host).call.getExec(execId).resize({ w: cols, h: rows });
}

export async function inspectExec(
  host: HostConnection,
  execId: string,
): Promise<{ running: boolean; exitCode: number | null }> {
  const info = await dockerFor(host).call.getExec(execId).inspect();
  return { running: info.Running, exitCode: info.ExitCode ?? null };
}

/**
 * Kills every process in the container whose environment carries our marker (the exec and its children).
 * Runs a small fixed script inside the container; the marker is server-generated hex, never user input.
 */
export async function killExecByMarker(host: HostConnection, id: string, marker: string): Promise<void> {
  if (!/^[a-f0-9]{16,64}$/.test(marker)) throw new Error("bad exec marker");
  const script = `for p in /proc/[0-9]*; do if tr "\\0" "\\n" < "$p/environ" 2>/dev/null | grep -qx "WHARF_EXEC=${marker}"; then kill -9 "\${p#/proc/}" 2>/dev/null; fi; done; true`;
  const exec = await dockerFor(host)
    .call.getContainer(id)
    .exec({ Cmd: ["/bin/sh", "-c", script], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({ hijack: true, stdin: false });
  await new Promise<void>((resolve) => {
    stream.on("end", resolve);
    stream.on("close", resolve);
    stream.on("error", () => resolve());
    stream.resume();
  });
}
