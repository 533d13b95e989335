// The one client reader for streamed answers (build logs as text, deploy progress and container logs as NDJSON),
// parsed line by line so a slow network never splits a line.

/** The body's text, chunk by chunk as it arrives. */
export async function* readText(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder(); // stream: true keeps a character split across chunks whole
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    const text = decoder.decode(value, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

/** The body as NDJSON: each complete line parsed, in order; a last line without its newline is kept too. */
export async function* readNdjson(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  let rest = "";
  for await (const chunk of readText(body)) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) yield JSON.parse(line);
  }
  if (rest.trim()) yield JSON.parse(rest);
}
