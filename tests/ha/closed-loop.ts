// A closed-loop load for the HA tests (tests/ha/drain.int.test.ts): `workers` clients, each sending its next GET as
// soon as the last one was answered, on its own kept-alive connection to HAProxy, until stopped. A failure is any
// answer but 200, or a request whose connection was closed under it.
import http from "node:http";

export type Outcome = { path: string; at: number; status: number | string; instance: string };

function get(base: URL, path: string, agent: http.Agent, cookie: string) {
  return new Promise<Outcome>((resolve) => {
    const req = http.get(
      { host: base.hostname, port: base.port, path, agent, headers: { cookie } },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve({
            path,
            at: Date.now(),
            status: res.statusCode ?? 0,
            instance: String(res.headers["x-wharf-instance"] ?? ""),
          }),
        );
        res.on("error", (err) => resolve({ path, at: Date.now(), status: err.message, instance: "" }));
      },
    );
    req.on("error", (err) => resolve({ path, at: Date.now(), status: err.message, instance: "" }));
  });
}

export function closedLoop(baseUrl: string, cookie: string, paths: string[], workers: number) {
  const base = new URL(baseUrl);
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = w; running; i++) outcomes.push(await get(base, paths[i % paths.length], agent, cookie));
    } finally {
      agent.destroy();
    }
  });
  return {
    outcomes,
    /** Ends the loops once their requests in flight are answered; resolves with every outcome. */
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}
