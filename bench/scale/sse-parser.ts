// Server-Sent Events framing (pure, unit-tested): blocks separated by a blank line, `event:` and `data:` fields,
// `:` comments ignored. Chunks may end anywhere, even inside a multi-byte character (the caller decodes).

export type SseMessage = { event: string; data: string };

export class SseParser {
  private rest = "";

  push(text: string): SseMessage[] {
    const buf = this.rest + text;
    const out: SseMessage[] = [];
    let start = 0;
    for (let end = buf.indexOf("\n\n", start); end >= 0; end = buf.indexOf("\n\n", start)) {
      const msg = parseBlock(buf.slice(start, end));
      if (msg) out.push(msg);
      start = end + 2;
    }
    this.rest = buf.slice(start);
    return out;
  }
}

function parseBlock(block: string): SseMessage | null {
  let event = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (!line || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return data.length ? { event, data: data.join("\n") } : null;
}

/** Engine event times (ms, with fractions) carried by a `containers` message: one per change that came from an event. */
export function changeTimes(data: string): number[] {
  const changes = JSON.parse(data) as { t?: number }[];
  const out: number[] = [];
  for (const c of changes) if (typeof c.t === "number") out.push(c.t);
  return out;
}
