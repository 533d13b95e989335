// Vitest globalSetup for the integration project: make sure a Docker engine and
// the offline images exist. `npm test` (scripts/test.sh) starts every service
// beforehand and sets WHARF_TEST_SERVICES=ready, in which case we do nothing.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const script = (name: string) => fileURLToPath(new URL(`../scripts/services/${name}`, import.meta.url));
const run = (name: string, ...args: string[]) =>
  execFileSync("bash", [script(name), ...args], { stdio: "inherit" });

function engineRunning(): boolean {
  try {
    execFileSync("bash", [script("dockerd.sh"), "status"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env.WHARF_TEST_SERVICES === "ready") return async () => {};

  const startedEngine = !engineRunning();
  run("dockerd.sh", "start");
  run("images.sh");

  return async () => {
    // Stop the engine only if this run started it (dockerd.sh also checks its pidfile).
    if (startedEngine) run("dockerd.sh", "stop");
  };
}
