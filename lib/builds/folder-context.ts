import "server-only";
// A compose `build:` whose context is a folder of the app's repository checkout or archive: that folder is
// copied into the build's own temporary directory (links kept as links, none leading out of the checkout),
// so the build owns its context like any other, and queued through the same queue and log.
import fs from "node:fs/promises";
import path from "node:path";
import type { PreparedSource } from "@/lib/builds/prepare";
import { makeWorkdir, removeWorkdir } from "@/lib/builds/workdir";
import { assertLinksInside, openFolder, resolveInside } from "@/lib/compose/folder/contained";

/** Where the app's files are for this deploy, and what the build history shows of them. */
export type FolderCheckout = {
  root: string;
  /** How the Build row records it: a repository's folder as git (url, ref, commit), an archive's as upload. */
  kind: "git" | "upload";
  commit: string;
  display: Record<string, string>;
};

export async function prepareFolderContext(
  checkout: FolderCheckout,
  context: string,
  field: string,
): Promise<PreparedSource> {
  const folder = await openFolder(checkout.root);
  const rel = await resolveInside(folder, ".", context, field, "dir");
  await assertLinksInside(folder, rel, field);
  const workdir = await makeWorkdir();
  const contextDir = path.join(workdir, "ctx");
  try {
    await fs.cp(path.join(folder.realRoot, rel), contextDir, {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => path.basename(src) !== ".git",
    });
  } catch (err) {
    await removeWorkdir(workdir);
    throw err;
  }
  return { workdir, contextDir, commit: checkout.commit, display: { ...checkout.display, context: rel } };
}
