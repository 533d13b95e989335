import { shortId } from "@/components/format";
import type { BuildView } from "@/lib/validations/build";
import { unscopedTag } from "@/lib/validations/image-tags";

type Described = Pick<BuildView, "sourceType" | "source" | "commit">;

export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

const field = (b: Described, key: string) => {
  const v = b.source[key];
  return typeof v === "string" ? v : "";
};

/** One line saying where the build's code came from. */
export function describeSource(b: Described): string {
  const files = Array.isArray(b.source.files) ? b.source.files.length : 0;
  if (b.sourceType === "git") return `${field(b, "url")}${field(b, "ref") ? ` @ ${field(b, "ref")}` : ""}`;
  if (b.sourceType === "upload")
    return `upload ${field(b, "filename")}${field(b, "archive") ? ` (${field(b, "archive")})` : ""}`;
  return `inline Dockerfile${files ? ` + ${files} file${files > 1 ? "s" : ""}` : ""}`;
}

/** `https://git.example.com/team/app.git` → `team/app`; a local path → its last folder. */
export function repositoryName(url: string): string {
  const local = url.startsWith("/") || url.startsWith("file://");
  const path = url
    .replace(/^[a-z+]+:\/\/[^/]*/i, "") // scheme and host
    .replace(/^[^/@]*@[^:/]+:/, "") // scp-like ssh: git@host:
    .replace(/\.git\/?$|\/+$/g, "");
  const parts = path.split("/").filter(Boolean);
  return parts.slice(local ? -1 : -2).join("/") || url;
}

/**
 * A build's name in lists, page headers, breadcrumbs and document titles: the repository and ref it built, or
 * the uploaded file, or "Inline Dockerfile" — what a person recognises, not an id.
 */
export function buildTitle(b: Described): string {
  if (b.sourceType === "git") {
    const ref = field(b, "ref") || (b.commit ? shortId(b.commit) : "default branch");
    return `${repositoryName(field(b, "url"))} @ ${ref}`;
  }
  if (b.sourceType === "upload") return field(b, "filename") || "Uploaded archive";
  return "Inline Dockerfile";
}

/** The image the build made, as the developer named it (`web:1.0`), for a subtitle next to the title. */
export function buildImageName(b: Pick<BuildView, "tags">): string {
  return b.tags.length ? unscopedTag(b.tags[0]) : "";
}
