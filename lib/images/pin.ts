// A Swarm node resolves a service's image in its own store, so a name may mean other content on a worker
// than on the manager, where Wharf checked it. A Swarm service therefore names the content the check
// approved: its registry digest for that repository when it has one (a node pulls exactly that, or uses an
// identical local copy: a digest is the content), else the image id (a node without exactly that image
// fails the task rather than run something else under the name).

/** `docker.io/library/redis:7` → `redis`; `host:5000/a/b:1` → `host:5000/a/b` (familiar form, no tag). */
export function familiarRepository(ref: string): string {
  let name = ref.trim().split("@")[0];
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  if (colon > slash) name = name.slice(0, colon);
  name = name.replace(/^(docker\.io|index\.docker\.io)\//, "");
  return name.replace(/^library\/(?=[^/]+$)/, "");
}

/** What a Swarm service should name for `ref`, which resolved on the manager to `id` with `repoDigests`. */
export function contentPin(ref: string, id: string, repoDigests: readonly string[]): string {
  const r = ref.trim();
  if (/@sha256:[0-9a-f]{64}$/i.test(r)) return r; // already content
  const repo = familiarRepository(r);
  const digest = repoDigests
    .map((d) => d.split("@"))
    .find(([name, dig]) => dig && familiarRepository(name) === repo)?.[1];
  if (digest && !/^(sha256:)?[0-9a-f]{6,64}$/i.test(r)) return `${r}@${digest}`;
  return id;
}
