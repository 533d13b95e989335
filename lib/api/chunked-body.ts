import "server-only";
import type { IncomingMessage } from "node:http";

/** How much of a refused chunked body, and for how long, is read and thrown away before the 413 is sent. */
const DISCARD_BYTES = 64 * 1024 * 1024;
const DISCARD_MS = 10_000;

type Push = (chunk: unknown, encoding?: BufferEncoding) => boolean;

/**
 * A body of unknown length (Transfer-Encoding: chunked) is held back from the route until all of it has arrived.
 * Within `limit`, it is handed on whole (`next`) and the route reads it as usual. Over it, nothing more is kept: the
 * rest is read and thrown away, then `refuse` answers (413). Held rather than streamed because a route that takes no
 * body never reads one, and would act (restart a container) before the body proved too large. Discarded rather than
 * left unread because closing a socket with unread input makes the kernel send a reset, which can destroy the answer
 * before the client reads it; after DISCARD_BYTES or DISCARD_MS the answer goes anyway.
 *
 * The HTTP parser feeds the request through its `push` (the Readable contract), so the hold sits there: installed
 * before any of the body is parsed (in the 'request' event), it sees every byte, and nothing reaches a reader early.
 */
export function holdChunkedBody(
  node: IncomingMessage,
  limit: number,
  next: () => void,
  refuse: (drained: boolean) => void,
) {
  const push: Push = node.push.bind(node);
  const held: Buffer[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  /** Back to the plain stream: what the parser sends from now on goes to the reader. */
  const release = () => {
    clearTimeout(timer);
    node.push = push;
  };
  node.push = (chunk) => {
    if (chunk === null) {
      release();
      if (size <= limit) for (const c of held) push(c);
      push(null);
      if (size <= limit) next();
      else refuse(true);
      return false;
    }
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size <= limit) held.push(bytes);
    else if (!timer) {
      held.length = 0;
      timer = setTimeout(() => {
        release();
        refuse(false);
      }, DISCARD_MS);
    } else if (size > limit + DISCARD_BYTES) {
      release();
      refuse(false);
    }
    return true;
  };
  node.once("close", () => clearTimeout(timer));
}
