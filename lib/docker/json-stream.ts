import type { Readable } from "node:stream";

/** One message of the engine's progress streams (/build, /images/create, /images/push). */
export type EngineMessage = {
  stream?: string;
  status?: string;
  id?: string;
  progress?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string; Tag?: string; Digest?: string; Size?: number };
};

/** Reads newline-delimited JSON as it arrives (objects may span chunks); resolves when the engine closes the stream. */
export function readEngineStream(stream: Readable, onMessage: (m: EngineMessage) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const flush = (final: boolean) => {
      const lines = buf.split("\n");
      buf = final ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          onMessage(JSON.parse(line) as EngineMessage);
        } catch {
          onMessage({ stream: `${line}\n` });
        }
      }
    };
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buf += chunk;
      flush(false);
    });
    stream.on("end", () => {
      flush(true);
      resolve();
    });
    stream.on("close", () => resolve());
    stream.on("error", reject);
  });
}

export const messageError = (m: EngineMessage) => m.errorDetail?.message || m.error || "";
