/**
 * Turns the bytes of a Docker log (or non-TTY attach/exec) stream into lines.
 * Without a TTY the engine multiplexes stdout and stderr into frames with an 8-byte header:
 * [stream type (1 = stdout, 2 = stderr), 0, 0, 0, payload length as uint32 big-endian].
 * With a TTY the stream is raw bytes (all stdout). Frames and lines may be split anywhere
 * across chunks, so both the header and partial lines are carried over to the next chunk.
 */
export type LogStream = "stdout" | "stderr";
export type LogLine = { stream: LogStream; text: string; ts?: string };

const HEADER = 8;
/** A line this long without a newline is cut, so one runaway writer cannot grow memory without bound. */
export const MAX_LINE_BYTES = 64 * 1024;

export class LogDecoder {
  private pending = Buffer.alloc(0);
  private partial: Record<LogStream, Buffer[]> = { stdout: [], stderr: [] };
  private partialLen: Record<LogStream, number> = { stdout: 0, stderr: 0 };

  constructor(
    private readonly tty: boolean,
    private readonly timestamps = false,
  ) {}

  /** Feeds one chunk; returns the complete lines it finished. */
  push(chunk: Buffer): LogLine[] {
    const out: LogLine[] = [];
    if (this.tty) {
      this.split("stdout", chunk, out);
      return out;
    }
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= HEADER) {
      const type = buf[0];
      const size = buf.readUInt32BE(4);
      if (buf.length < HEADER + size) break;
      const payload = buf.subarray(HEADER, HEADER + size);
      // 0 = stdin (never sent), 1 = stdout, 2 = stderr; anything else is treated as stdout.
      this.split(type === 2 ? "stderr" : "stdout", payload, out);
      buf = buf.subarray(HEADER + size);
    }
    this.pending = Buffer.from(buf);
    return out;
  }

  /** The last unterminated line of each stream, once the stream has ended. */
  flush(): LogLine[] {
    const out: LogLine[] = [];
    for (const stream of ["stdout", "stderr"] as const)
      if (this.partialLen[stream] > 0) this.emit(stream, this.take(stream), out);
    return out;
  }

  private split(stream: LogStream, data: Buffer, out: LogLine[]) {
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      this.partial[stream].push(data.subarray(start, nl));
      this.partialLen[stream] += nl - start;
      this.emit(stream, this.take(stream), out);
      start = nl + 1;
    }
    if (start < data.length) {
      const rest = Buffer.from(data.subarray(start));
      this.partial[stream].push(rest);
      this.partialLen[stream] += rest.length;
      if (this.partialLen[stream] >= MAX_LINE_BYTES) this.emit(stream, this.take(stream), out);
    }
  }

  private take(stream: LogStream): Buffer {
    const b = Buffer.concat(this.partial[stream]);
    this.partial[stream] = [];
    this.partialLen[stream] = 0;
    return b;
  }

  private emit(stream: LogStream, raw: Buffer, out: LogLine[]) {
    let text = raw.toString("utf8");
    if (text.endsWith("\r")) text = text.slice(0, -1);
    if (this.timestamps) {
      const sp = text.indexOf(" ");
      // The engine prefixes each line with an RFC 3339 timestamp and one space.
      if (sp > 0 && /^\d{4}-\d\d-\d\dT/.test(text))
        return void out.push({ stream, ts: text.slice(0, sp), text: text.slice(sp + 1) });
    }
    out.push({ stream, text });
  }
}

/** Orders RFC 3339 timestamps with nanoseconds (string compare is wrong when fractions differ in length). */
export function compareTimestamps(a: string, b: string): number {
  const [sa, fa = ""] = a.replace(/Z$/, "").split(".");
  const [sb, fb = ""] = b.replace(/Z$/, "").split(".");
  if (sa !== sb) return sa < sb ? -1 : 1;
  const na = fa.padEnd(9, "0");
  const nb = fb.padEnd(9, "0");
  return na === nb ? 0 : na < nb ? -1 : 1;
}
