import Link from "next/link";

/** A list row's name, linking to its page (`className` adds to the look, e.g. a focus ring). */
export function RowLink({
  href,
  title,
  className = "",
  children,
}: {
  href: string;
  /** The whole name or source, where the link shows a shortened one. */
  title?: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Link
      href={href}
      title={title}
      className={`font-medium text-sky-700 hover:underline dark:text-sky-400 ${className}`}
    >
      {children}
    </Link>
  );
}
