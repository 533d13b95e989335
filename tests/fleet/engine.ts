// Test-only helpers: a private Docker engine (its own socket, data-root, exec-root and network namespace, as in the
// guide) that fleet tests may kill and restart without disturbing anyone else's engine; and polling with a deadline.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import Docker from "dockerode";
import { until } from "@/tests/helpers/until";

export type PrivateEngine = {
  name: string;
  url: string;
  docker: Docker;
  pid: () => number;
  start: () => Promise<void>;
  kill: () => Promise<void>;
  destroy: () => Promise<void>;
};

export { until };

/** Running and not a zombie (this sandbox's init may be slow to reap orphans). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

/** Processes of one engine: containerd and shims (their command line names its exec-root) and its containers (cgroup). */
function enginePids(execRoot: string, containerIds: string[]): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
      const cgroup = fs.readFileSync(`/proc/${entry}/cgroup`, "utf8");
      if (cmd.includes(execRoot) || containerIds.some((id) => cgroup.includes(id))) out.push(Number(entry));
    } catch {
      /* exited meanwhile */
    }
  }
  return out;
}

export function privateEngine(name: string): PrivateEngine {
  const sock = `/run/${name}.sock`;
  const pidfile = `/run/${name}.pid`;
  const netns = name;
  const docker = new Docker({ socketPath: sock, timeout: 10_000 });
  const pid = () => Number(fs.readFileSync(pidfile, "utf8").trim());
  async function start() {
    if (!fs.existsSync(`/run/netns/${netns}`)) {
      execFileSync("ip", ["netns", "add", netns]);
      execFileSync("ip", ["-n", netns, "link", "set", "lo", "up"]);
    }
    const log = fs.openSync(`/tmp/${name}.log`, "a");
    // nsenter, not `ip netns exec` (which remounts /sys and hides the cgroups); --bridge none needs its own netns.
    const child = spawn(
      "nsenter",
      [
        `--net=/run/netns/${netns}`,
        "dockerd",
        "-H",
        `unix://${sock}`,
        "--data-root",
        `/var/lib/${name}`,
        "--exec-root",
        `/run/${name}`,
        "--pidfile",
        pidfile,
        "--bridge",
        "none",
        "--iptables=false",
        "--ip-masq=false",
      ],
      { detached: true, stdio: ["ignore", log, log] },
    );
    child.unref();
    await until(`engine ${name} to answer`, async () => (await docker.ping()) && true, 60_000, 200);
  }
  /** Like a machine losing power: SIGKILL dockerd, then its containerd, shims and container processes. */
  async function kill() {
    const ids = (await docker.listContainers({ all: true })).map((c) => c.Id);
    const p = pid();
    process.kill(p, "SIGKILL");
    await until(`dockerd ${p} to exit`, async () => !alive(p), 10_000, 50);
    const others = enginePids(`/run/${name}/`, ids);
    for (const other of others) {
      try {
        process.kill(other, "SIGKILL");
      } catch {
        /* already gone */
      }
    }
    await until("engine processes to exit", async () => others.every((o) => !alive(o)), 10_000, 50);
    // A stale pid file would make the next dockerd wait for a containerd that is gone.
    fs.rmSync(`/run/${name}/containerd/containerd.pid`, { force: true });
  }
  async function destroy() {
    try {
      for (const c of await docker.listContainers({ all: true }))
        await docker.getContainer(c.Id).remove({ force: true });
      const p = pid();
      process.kill(p, "SIGTERM");
      await until(`dockerd ${p} to stop`, async () => !alive(p), 30_000, 100);
    } catch {
      /* already gone */
    }
    // A killed dockerd leaves its data-root bind mount behind (once per start): undo them all.
    for (let i = 0; i < 10 && fs.readFileSync("/proc/mounts", "utf8").includes(` /var/lib/${name} `); i++) {
      try {
        execFileSync("umount", [`/var/lib/${name}`]);
      } catch {
        break;
      }
    }
    try {
      if (fs.existsSync(`/run/netns/${netns}`)) execFileSync("ip", ["netns", "delete", netns]);
    } catch {
      /* reported by `ip`; harmless for the next run, which uses a new name */
    }
    for (const dir of [`/var/lib/${name}`, `/run/${name}`, sock]) {
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch {
        /* still mounted: left for the next boot */
      }
    }
  }
  return { name, url: `unix://${sock}`, docker, pid, start, kill, destroy };
}

/** Copies an image from the main engine into another one (docker save | docker load), as the guide does. */
export async function copyImage(image: string, target: Docker) {
  const main = new Docker({ socketPath: "/var/run/docker.sock" });
  const tar = await main.getImage(image).get();
  await new Promise<void>((resolve, reject) => {
    void target.loadImage(tar, {}, (err: unknown, out?: NodeJS.ReadableStream) => {
      if (err || !out) return reject(err ?? new Error("no load output"));
      out.on("data", () => {});
      out.on("end", () => resolve());
      out.on("error", reject);
    });
  });
}

/** A small long-running container that needs no network. */
export async function runContainer(
  docker: Docker,
  name: string,
  labels: Record<string, string> = {},
  start = true,
) {
  const c = await docker.createContainer({
    name,
    Image: "busybox:latest",
    Cmd: ["sleep", "3600"],
    Labels: labels,
    HostConfig: { NetworkMode: "none" },
    StopTimeout: 1,
  });
  if (start) await c.start();
  return c;
}
