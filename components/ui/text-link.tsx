import Link from "next/link";

/** A link inside a sentence or an empty state: underlined, in the link colour of both themes. */
export function TextLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className="text-sky-700 underline dark:text-sky-400">
      {children}
    </Link>
  );
}
