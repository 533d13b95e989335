// Paths name a spot in the compose file the way users read it:
// `services.web.volumes[0]`, `services.web.labels["com.example.team"]`.
export type PathSeg = string | number;

const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

export function formatPath(segs: readonly PathSeg[]): string {
  let out = "";
  for (const seg of segs) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
