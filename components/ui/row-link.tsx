import Link from "next/link";

/** A list row's name, linking to its page (`className` adds to the look, e.g. a focus ring). */
export function RowLink({
  href,
  className = "",
  children,
}: {
  href: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <Link href={href} className={`font-medium text-sky-700 hover:underline dark:text-sky-400 ${className}`}>
      {children}
    </Link>
  );
}
