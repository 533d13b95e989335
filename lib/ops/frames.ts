/**
 * Splits a multiplexed (non-TTY) attach/exec stream into its stdout and stderr payloads, byte-exact.
 * Header: [1 = stdout | 2 = stderr, 0, 0, 0, uint32 BE length]. Headers may be split across chunks.
 */
export class FrameDemuxer {
  private pending = Buffer.alloc(0);

  push(chunk: Buffer): { stream: "stdout" | "stderr"; data: Buffer }[] {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    const out: { stream: "stdout" | "stderr"; data: Buffer }[] = [];
    while (buf.length >= 8) {
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      out.push({ stream: buf[0] === 2 ? "stderr" : "stdout", data: Buffer.from(buf.subarray(8, 8 + size)) });
      buf = buf.subarray(8 + size);
    }
    this.pending = Buffer.from(buf);
    return out;
  }
}
