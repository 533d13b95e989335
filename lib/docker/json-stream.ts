import { z } from "zod";
import { parseJsonAs } from "@/lib/validations/common";
import type { Readable } from "node:stream";

/** One message of the engine's progress streams (/build, /images/create, /images/push). */
const EngineMessage = z.object({
  stream: z.string().optional(),
  status: z.string().optional(),
  id: z.string().optional(),
  progress: z.string().optional(),
  error: z.string().optional(),
  errorDetail: z.object({ message: z.string().optional() }).optional(),
  aux: z
    .object({
      ID: z.string().optional(),
      Tag: z.string().optional(),
      Digest: z.string().optional(),
      Size: z.number().optional(),
    })
    .optional(),
});
export type EngineMessage = z.infer<typeof EngineMessage>;

/** Reads newline-delimited JSON as it arrives (objects may span chunks); resolves when the engine closes the stream. */
export function readEngineStream(stream: Readable, onMessage: (m: EngineMessage) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let buf = "";
    const flush = (final: boolean) => {
      const lines = buf.split("\n");
      buf = final ? "" : (lines.pop() ?? "");
      for (const line of lines) {
        if (!line.trim()) continue;
        // A line that is not one of the engine's messages is shown as a line of text.
        onMessage(parseJsonAs(EngineMessage, line) ?? { stream: `${line}\n` });
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
