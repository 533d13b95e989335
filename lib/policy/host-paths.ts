// Host-path helpers for the admission policy. Paths are normalized
// lexically ("//var/run/../run/docker.sock/" → "/var/run/docker.sock") so a
// different spelling of the same path cannot slip past a comparison.

const DOCKER_SOCKETS = ["/var/run/docker.sock", "/run/docker.sock"];

export function normalizeHostPath(input: string): string {
  let text = input.trim().replace(/\\/g, "/");
  text = text.replace(/^unix:\/\//i, ""); // "unix:///var/run/docker.sock"
  const absolute = text.startsWith("/");
  const parts: string[] = [];
  for (const part of text.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
      else if (!absolute) parts.push("..");
      continue;
    }
    parts.push(part);
  }
  return (absolute ? "/" : "") + parts.join("/");
}

/** True when the path is the Docker socket or a directory containing it ("/", "/var/run", "/run"). */
export function exposesDockerSocket(hostPath: string): boolean {
  const p = normalizeHostPath(hostPath).toLowerCase();
  if (!p.startsWith("/")) return false;
  return DOCKER_SOCKETS.some((sock) => sock === p || sock.startsWith(p === "/" ? "/" : `${p}/`));
}

/** Volume sources that are really host paths: absolute, relative, home (~), Windows drive, or containing a slash. */
export function isHostPathSource(source: string): boolean {
  const s = source.trim();
  return /^[/.~]/.test(s) || /^[A-Za-z]:[\\/]/.test(s) || s.includes("/") || s.includes("\\");
}
