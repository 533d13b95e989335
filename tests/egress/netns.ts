// A network namespace of the test's own, joined to the host by a veth pair, carrying one address from
// each range the policy refuses (private, CGNAT, link-local, ULA), with an HTTP server inside that logs
// every request. The only private addresses these tests ever send to; removed afterwards.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";

export const NS_ADDRESSES = {
  private: "10.250.77.2",
  cgnat: "100.64.77.2",
  linkLocal: "169.254.77.2",
  // Written out in full: git URLs may not contain "::" (lib/builds/git-url.ts refuses remote helpers by it).
  ula: "fd77:e9e5:0:0:0:0:0:2",
};
export const NS_PORT = 8080;

export type TestNamespace = { name: string; requests: () => number; remove: () => void };

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: "pipe" });

export async function createNamespace(): Promise<TestNamespace> {
  const id = randomBytes(3).toString("hex");
  const name = `wharf-egt-${id}`;
  const [hostSide, nsSide] = [`egh${id}`, `egn${id}`];
  ip("netns", "add", name);
  let server: ChildProcess | undefined;
  const remove = () => {
    server?.kill("SIGKILL");
    try {
      ip("netns", "del", name); // takes the veth pair with it
    } catch {
      /* already gone */
    }
  };
  try {
    ip("link", "add", hostSide, "type", "veth", "peer", "name", nsSide);
    ip("link", "set", nsSide, "netns", name);
    const inNs = (...args: string[]) => ip("-n", name, ...args);
    for (const [host, peer] of [
      ["10.250.77.1/30", `${NS_ADDRESSES.private}/30`],
      ["100.64.77.1/30", `${NS_ADDRESSES.cgnat}/30`],
      ["169.254.77.1/30", `${NS_ADDRESSES.linkLocal}/30`],
    ]) {
      ip("addr", "add", host, "dev", hostSide);
      inNs("addr", "add", peer, "dev", nsSide);
    }
    ip("-6", "addr", "add", "fd77:e9e5::1/64", "dev", hostSide, "nodad");
    inNs("-6", "addr", "add", `${NS_ADDRESSES.ula}/64`, "dev", nsSide, "nodad");
    ip("link", "set", hostSide, "up");
    inNs("link", "set", nsSide, "up");
    inNs("link", "set", "lo", "up");
    let log = "";
    server = spawn(
      "ip",
      ["netns", "exec", name, "python3", "-u", "-m", "http.server", String(NS_PORT), "--bind", "::"],
      {
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    server.stderr?.on("data", (c: Buffer) => (log += c.toString()));
    server.stdout?.on("data", (c: Buffer) => (log += c.toString()));
    // Ready when it answers from the host side (this request is the baseline count).
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`http://${NS_ADDRESSES.private}:${NS_PORT}/`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const baseline = () => log.split("\n").filter((l) => / - - \[/.test(l)).length;
    const start = baseline();
    return { name, requests: () => baseline() - start, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
