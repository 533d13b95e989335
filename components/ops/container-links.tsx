import Link from "next/link";

/** The containers using an image or a volume, each a link to its page; "unused" when none, "+N more" past `max`. */
export function ContainerLinks({
  containers,
  max = Infinity,
}: {
  containers: { id: string; name: string }[];
  max?: number;
}) {
  if (containers.length === 0) return <span className="text-slate-400">unused</span>;
  return (
    <>
      {containers.slice(0, max).map((c) => (
        <Link
          key={c.id}
          href={`/containers/${c.id}`}
          className="mr-2 text-sky-700 hover:underline dark:text-sky-400"
        >
          {c.name}
        </Link>
      ))}
      {containers.length > max ? (
        <span className="text-slate-500">+{containers.length - max} more</span>
      ) : null}
    </>
  );
}
