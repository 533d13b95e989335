"use client";
// What the tags typed in the build form become, shown while typing: the same rule (lib/validations/image-tags.ts)
// the server applies when it queues the build, so the developer sees the real local and pushed names up front.
import { TAG_RE } from "@/lib/validations/build";
import { buildTagNames, pushedName, scopedTag } from "@/lib/validations/image-tags";

type Props = {
  tags: string[];
  tenantSlug: string;
  projectSlug: string;
  /** The registry host the tags are pushed to, if one is chosen. */
  registryHost?: string;
};

export function ScopedTags({ tags, tenantSlug, projectSlug, registryHost }: Props) {
  const names = buildTagNames(projectSlug, tags, "…");
  return (
    <div
      className="rounded-md bg-slate-50 px-3 py-2 text-xs text-slate-600 dark:bg-slate-900 dark:text-slate-400"
      aria-live="polite"
      data-testid="scoped-tags"
    >
      <p className="font-medium text-slate-700 dark:text-slate-300">
        {tags.length ? "The image will be named" : "No tag given: the image will be named"}
      </p>
      <ul className="mt-1 space-y-0.5">
        {names.map((t) =>
          tags.length && !TAG_RE.test(t) ? (
            <li key={t} className="text-red-600 dark:text-red-400">
              <code className="font-mono">{t}</code> is not an image name (lowercase name, optional :tag, no
              registry host)
            </li>
          ) : (
            <li key={t} className="break-all">
              <code className="font-mono text-slate-900 dark:text-slate-100">
                {scopedTag(tenantSlug, projectSlug, t)}
              </code>
              {registryHost ? (
                <span>
                  {" "}
                  · pushed as <code className="font-mono">{pushedName(registryHost, t)}</code>
                </span>
              ) : null}
            </li>
          ),
        )}
      </ul>
      <p className="mt-1">
        Names are scoped to this tenant and project on the host
        {tags.length ? "" : "; the suffix is chosen when the build starts"}.
      </p>
    </div>
  );
}
