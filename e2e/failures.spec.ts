import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import Docker from "dockerode";
import { uniq } from "./helpers";

// Issue 19 item 2: "Last failures (24 h)" comes from stored events, so a failure stays listed for its window —
// after its container is gone and the engine's 256-event buffer has moved on.
const docker = new Docker({ socketPath: "/var/run/docker.sock" });
const name = uniq("e2e-fail");
const flood = uniq("wharf-e2e-flood");

test.afterAll(async () => {
  execFileSync("docker", ["rm", "-f", name], { stdio: "ignore" });
});

/** Image tag/untag events are the cheapest way to push ~300 events through the engine's buffer of 256. */
async function floodEngineEvents() {
  const image = docker.getImage("wharf-busybox:latest");
  for (let i = 0; i < 150; i++) await image.tag({ repo: flood, tag: `t${i}` });
  for (let i = 0; i < 150; i++) await docker.getImage(`${flood}:t${i}`).remove({ noprune: true });
}

test("a container killed with exit 137 stays listed after it is removed and the engine forgot it", async ({
  page,
}) => {
  const since = Math.floor(Date.now() / 1000) - 1;
  execFileSync("docker", ["run", "-d", "--name", name, "wharf-busybox:latest", "sleep", "600"]);
  execFileSync("docker", ["kill", name]); // SIGKILL: exit 137
  const id = execFileSync("docker", ["inspect", "-f", "{{.Id}}", name]).toString().trim();

  await page.goto("/cluster");
  const failures = page.getByRole("list", { name: "Last failures" });
  await expect(failures.getByRole("listitem").filter({ hasText: name })).toContainText("exit 137");

  execFileSync("docker", ["rm", "-f", name]);
  await floodEngineEvents();
  // The engine itself no longer remembers the death: only the stored event can show it now.
  const remembered = execFileSync("docker", [
    "events",
    "--since",
    String(since),
    "--until",
    String(Math.floor(Date.now() / 1000)),
    "--filter",
    `container=${id}`,
    "--filter",
    "event=die",
  ]).toString();
  expect(remembered).toBe("");

  await page.reload();
  const row = failures.getByRole("listitem").filter({ hasText: name });
  await expect(row).toContainText("exit 137");
  await expect(row).toContainText("(removed)");
  await page.screenshot({ path: "test-results/failures-cluster.png", fullPage: true });
});
