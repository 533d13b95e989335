// Issue 16: a developer creates an app from a git repository (a real git host over HTTPS made here, reached
// through the admin's egress allow-list), fills the two variables the file needs in the plan's form, deploys,
// pushes a commit (signed webhook, as a git host sends it) and sees the new revision and what it changed; then
// turns previews on and sees a pull request's preview listed in the Previews card.
import { execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { setTheme } from "./console-pages";
import { gitCaPath } from "./git-ca";
import {
  deployReviewedPlan,
  developerOnLocalHost,
  expectJson as json,
  firstContainerEnv,
  removeTenantEngineObjects,
  shotWidths,
} from "./helpers";
import { gitHost } from "../tests/egress/servers";

test("an app from a repository: variables in the form, deploy, a push makes a new revision with its diff", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-e2e-repo-"));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-e2e-work-"));
  const gitIn = (...args: string[]) =>
    execFileSync("git", ["-c", "user.email=e2e@wharf.test", "-c", "user.name=e2e", ...args], { cwd: work })
      .toString()
      .trim();
  execFileSync("git", ["init", "-q", "--bare", "-b", "main", path.join(root, "site.git")]);
  gitIn("init", "-q", "-b", "main");
  const commit = (files: Record<string, string>, message: string) => {
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(work, f), text);
    gitIn("add", "-A");
    gitIn("commit", "-q", "-m", message);
    gitIn("push", "-q", path.join(root, "site.git"), "HEAD:main");
    return gitIn("rev-parse", "HEAD");
  };
  commit(
    {
      "compose.yaml":
        "services:\n  web:\n    image: redis:alpine\n    command: [sleep, '3600']\n    env_file: web.env\n" +
        "    environment:\n      GREETING: ${GREETING}\n      MODE: ${MODE}\n",
      "web.env": "COLOR=blue\n",
    },
    "first",
  );
  const git = await gitHost(root);
  fs.appendFileSync(gitCaPath, fs.readFileSync(git.caFile));
  const { tenant, dev, headers } = await developerOnLocalHost(page, browser, baseURL!, "Repo");
  const p = dev.page;
  try {
    await json(
      page.request.post("/api/v1/egress/allow", {
        data: { entry: `127.0.0.1:${git.port}`, note: "the e2e git host" },
        headers,
      }),
    );
    const project = await json(
      p.request.post("/api/v1/projects", { data: { tenantId: tenant.id, name: "Site" }, headers }),
    );
    await p.goto(`/apps/new?project=${project.id}`);
    await p.getByLabel("App name").fill("site");
    await p.getByRole("tab", { name: "Repository" }).click();
    await p.getByLabel("Repository URL").fill(`https://127.0.0.1:${git.port}/site.git`);
    await p.getByRole("button", { name: "Review plan" }).click();
    const form = p.getByRole("form", { name: "Missing variables" });
    await form.getByLabel("Value of GREETING").fill("hello");
    await form.getByLabel("Value of MODE").fill("fast");
    await form.getByRole("button", { name: "Save variables and review plan" }).click();
    const plan = p.getByTestId("plan");
    await expect(plan).toContainText("create");
    await expect(p.getByTestId("plan-diff")).toContainText("web added");
    await shotWidths(p, "repository-plan");
    const appId = await deployReviewedPlan(p);
    expect(await firstContainerEnv(appId)).toEqual(
      expect.arrayContaining(["GREETING=hello", "MODE=fast", "COLOR=blue"]),
    );

    // A push: the git host calls the app's webhook with the signed event.
    const second = commit({ "web.env": "COLOR=green\n" }, "second");
    const hook = await json(p.request.get(`/api/v1/hooks/${appId}`));
    const body = JSON.stringify({ ref: "refs/heads/main", after: second });
    const res = await p.request.post(`/api/v1/hooks/${appId}`, {
      data: body,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", hook.secret).update(body).digest("hex")}`,
      },
    });
    expect(res.status()).toBe(202);
    const row = p.getByTestId("revision-2");
    await expect(async () => {
      await p.reload();
      await expect(row).toContainText("succeeded", { timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    await expect(row).toContainText(`commit ${second.slice(0, 12)}`);
    await expect(row).toContainText("web: environment");
    await row.scrollIntoViewIfNeeded();
    await shotWidths(p, "repository-revisions");

    // Previews: turned on in the card, a signed pull_request event deploys one; the card lists it (screenshots of
    // the card in both themes: docs/screenshots/app-previews-<theme>.png).
    const card = p.locator("section", { has: p.getByRole("heading", { name: "Previews", exact: true }) });
    const toggle = card.getByLabel("Deploy a preview for each pull or merge request");
    await toggle.click(); // controlled by the server's answer: checked once PUT …/previews returned
    await expect(toggle).toBeChecked();
    await expect(card.getByText(/No preview yet/)).toBeVisible();
    const head = commit({ "web.env": "COLOR=orange\n" }, "preview");
    gitIn("push", "-q", path.join(root, "site.git"), "HEAD:feature-login");
    const pull = JSON.stringify({
      action: "opened",
      number: 7,
      pull_request: {
        head: { ref: "feature-login", sha: head, repo: { full_name: "team/site" } },
        base: { repo: { full_name: "team/site" } },
      },
    });
    const opened = await p.request.post(`/api/v1/hooks/${appId}`, {
      data: pull,
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-hub-signature-256": `sha256=${createHmac("sha256", hook.secret).update(pull).digest("hex")}`,
      },
    });
    expect(opened.status()).toBe(202);
    const item = card.getByRole("listitem").filter({ hasText: "#7" });
    await expect(async () => {
      await p.reload();
      await expect(item).toContainText("ready", { timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    await expect(item).toContainText("feature-login");
    await p.addStyleTag({ content: "*, *::before, *::after { transition: none !important; }" });
    for (const theme of ["light", "dark"] as const) {
      await setTheme(p, theme);
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `docs/screenshots/app-previews-${theme}.png` });
    }
  } finally {
    await dev.context.close();
    await git.close();
    await removeTenantEngineObjects(tenant.id);
    for (const d of [root, work]) fs.rmSync(d, { recursive: true, force: true });
  }
});
