// Small real servers for the egress tests, each on a loopback port of its own, recording what reached
// them: an HTTP file server, a fake registry whose token realm points elsewhere, a real git host over
// HTTPS (git http-backend), a TCP port that is open but speaks nothing, and a closed port.
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { selfSignedCert } from "../helpers/self-signed";
import type { AddressInfo } from "node:net";

export type Recorded = {
  port: number;
  hits: { url: string; authorization: string; userAgent?: string }[];
  close: () => Promise<void>;
};

function listen(server: net.Server): Promise<number> {
  return new Promise((r) => server.listen(0, "127.0.0.1", () => r((server.address() as AddressInfo).port)));
}
const closer = (server: net.Server) => () =>
  new Promise<void>((r) => {
    (server as http.Server).closeAllConnections?.();
    server.close(() => r());
  });

const record = (hits: Recorded["hits"], req: http.IncomingMessage) =>
  hits.push({
    url: req.url ?? "",
    authorization: req.headers.authorization ?? "",
    userAgent: req.headers["user-agent"] ?? "",
  });

/** Answers every GET with `body`; records each request. */
export async function fileServer(body: string): Promise<Recorded> {
  const hits: Recorded["hits"] = [];
  const server = http.createServer((req, res) => {
    record(hits, req);
    res.writeHead(200, { "content-type": "text/plain" }).end(body);
  });
  return { port: await listen(server), hits, close: closer(server) };
}

/** Answers every request with a redirect to `to(path)` (status 302 unless given); records each request. */
export async function redirector(to: (path: string) => string, status = 302): Promise<Recorded> {
  const hits: Recorded["hits"] = [];
  const server = http.createServer((req, res) => {
    record(hits, req);
    res.writeHead(status, { location: to(req.url ?? "/") }).end();
  });
  return { port: await listen(server), hits, close: closer(server) };
}

/** A registry that wants Bearer tokens from `realm` (another port), and a token server that records who asks. */
export async function registryWithRealm(realmUrl?: string): Promise<{ registry: Recorded; realm: Recorded }> {
  const realm = await fileServer(JSON.stringify({ token: "t0ken", access_token: "t0ken" }));
  const hits: Recorded["hits"] = [];
  const server = http.createServer((req, res) => {
    hits.push({ url: req.url ?? "", authorization: req.headers.authorization ?? "" });
    res
      .writeHead(401, {
        "www-authenticate": `Bearer realm="${realmUrl ?? `http://127.0.0.1:${realm.port}/token`}",service="fake-registry"`,
        "docker-distribution-api-version": "registry/2.0",
      })
      .end();
  });
  return { registry: { port: await listen(server), hits, close: closer(server) }, realm };
}

/** Accepts TCP connections and says nothing (an open port that is not git, not TLS). */
export async function silentPort(): Promise<Recorded> {
  const hits: Recorded["hits"] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    hits.push({ url: "tcp", authorization: "" });
    sockets.add(s);
    s.on("error", () => undefined);
    setTimeout(() => s.destroy(), 500);
  });
  const port = await listen(server);
  return {
    port,
    hits,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A self-signed certificate for 127.0.0.1 and a real git host serving `root` over HTTPS. */
export async function gitHost(root: string): Promise<Recorded & { caFile: string; moved: { to: string } }> {
  // Requests under /moved/ are answered with a redirect to `moved.to` + the rest of the path.
  const moved = { to: "" };
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "wharf-egress-cert-"));
  const { keyFile, certFile } = selfSignedCert(certDir, { cn: "127.0.0.1", ip: "127.0.0.1" });
  const hits: Recorded["hits"] = [];
  const server = https.createServer(
    {
      key: fs.readFileSync(keyFile),
      cert: fs.readFileSync(certFile),
    },
    (req, res) => {
      record(hits, req);
      if (moved.to && req.url?.startsWith("/moved/"))
        return void res.writeHead(302, { location: `${moved.to}${req.url.slice(6)}` }).end();
      const [pathInfo, query = ""] = (req.url ?? "/").split("?");
      const cgi = spawn("git", ["http-backend"], {
        env: {
          ...process.env,
          GIT_PROJECT_ROOT: root,
          GIT_HTTP_EXPORT_ALL: "1",
          PATH_INFO: pathInfo,
          QUERY_STRING: query,
          REQUEST_METHOD: req.method ?? "GET",
          CONTENT_TYPE: req.headers["content-type"] ?? "",
          HTTP_CONTENT_ENCODING: req.headers["content-encoding"] ?? "",
          GIT_PROTOCOL: String(req.headers["git-protocol"] ?? ""),
          REMOTE_ADDR: "127.0.0.1",
        },
      });
      req.pipe(cgi.stdin);
      let head = Buffer.alloc(0);
      let started = false;
      cgi.stdout.on("data", (chunk: Buffer) => {
        if (started) return void res.write(chunk);
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        const headers: Record<string, string> = {};
        let status = 200;
        for (const line of head.subarray(0, end).toString().split("\r\n")) {
          const [k, ...v] = line.split(":");
          if (k.toLowerCase() === "status") status = Number(v.join(":").trim().split(" ")[0]);
          else headers[k] = v.join(":").trim();
        }
        res.writeHead(status, headers);
        res.write(head.subarray(end + 4));
        started = true;
      });
      cgi.stdout.on("end", () => res.end());
    },
  );
  const port = await listen(server);
  return {
    port,
    hits,
    moved,
    caFile: certFile,
    close: async () => {
      await closer(server)();
      fs.rmSync(certDir, { recursive: true, force: true });
    },
  };
}
