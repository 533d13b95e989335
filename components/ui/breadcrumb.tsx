import Link from "next/link";
import { Fragment, type ReactNode } from "react";

/** A step of a breadcrumb: a link, plain text, or (`current`) the page itself. */
export type Crumb = { label: ReactNode; href?: string; current?: boolean };

/** The trail above a detail page's title ("Projects / Shop / web"), steps separated by slashes. */
export function Breadcrumb({ trail }: { trail: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500">
      {trail.map((c, i) => (
        <Fragment key={i}>
          {i > 0 ? " / " : null}
          {c.href ? (
            <Link href={c.href} className="hover:underline">
              {c.label}
            </Link>
          ) : c.current ? (
            <span aria-current="page">{c.label}</span>
          ) : (
            c.label
          )}
        </Fragment>
      ))}
    </nav>
  );
}
