/**
 * Path rules for archive entries and their link targets, pure so they are unit-tested alone.
 * Names are relative to the context root; a name or link that could reach outside it is refused.
 */
export class ArchiveError extends Error {}

/** Normalises an archive entry name to "a/b/c" or throws ArchiveError naming the entry. */
export function entryPath(name: string): string {
  if (name.includes("\0"))
    throw new ArchiveError(`archive entry "${printable(name)}" has a NUL byte in its name`);
  if (name.includes("\\")) throw new ArchiveError(`archive entry "${printable(name)}" uses '\\' in its path`);
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name))
    throw new ArchiveError(`archive entry "${printable(name)}" has an absolute path`);
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new ArchiveError(`archive entry "${printable(name)}" contains '..'`);
  return parts.join("/");
}

/** A symbolic link at `at` (an entry path) pointing to `target` must stay inside the context. */
export function checkLinkTarget(at: string, target: string): void {
  if (!target) throw new ArchiveError(`link "${printable(at)}" has an empty target`);
  if (target.startsWith("/"))
    throw new ArchiveError(
      `link "${printable(at)}" points outside the context (absolute target ${printable(target)})`,
    );
  const depth = at.split("/").length - 1;
  let level = depth;
  for (const part of target.split("/")) {
    if (part === "" || part === ".") continue;
    level += part === ".." ? -1 : 1;
    if (level < 0)
      throw new ArchiveError(`link "${printable(at)}" points outside the context (${printable(target)})`);
  }
}

const printable = (s: string) => s.replace(/[\0-\x1f\x7f]/g, "?").slice(0, 200);
