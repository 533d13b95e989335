// What the figures were measured on: they mean little without the machine next to them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

export function machineInfo() {
  const cpus = os.cpus();
  let commit = "";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    /* not a checkout */
  }
  let distro = "";
  try {
    distro = /PRETTY_NAME="([^"]+)"/.exec(fs.readFileSync("/etc/os-release", "utf8"))?.[1] ?? "";
  } catch {
    /* not Linux */
  }
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? "",
    memoryBytes: os.totalmem(),
    node: process.version,
    kernel: `${os.type()} ${os.release()}`,
    distro,
    commit,
    date: new Date().toISOString(),
  };
}

/** Soft RLIMIT_NOFILE (Node has no getrlimit); Infinity when unlimited, NaN off Linux. */
export function openFilesLimit(): number {
  try {
    const line = fs.readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === "unlimited" ? Infinity : Number(soft);
  } catch {
    return NaN;
  }
}
