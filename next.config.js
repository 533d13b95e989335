/**
 * Route handlers (the route.ts files under app/) never render React, yet Next.js emits a client-reference manifest
 * for each, and the server evaluates every one at start, each in a vm context of its own: 112 of 149 manifests, ~70
 * MiB of the heap that every full GC marks (docs/scale.md, "Session 18"). Next.js reads them with `handleMissing`, so
 * they are not emitted; page manifests are kept (tests/foundation/build-output.int.test.ts).
 */
class DropRouteHandlerManifests {
  apply(compiler) {
    const { Compilation } = compiler.webpack;
    compiler.hooks.thisCompilation.tap("DropRouteHandlerManifests", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "DropRouteHandlerManifests", stage: Compilation.PROCESS_ASSETS_STAGE_REPORT },
        (assets) => {
          for (const name of Object.keys(assets))
            if (/^server\/app\/.*\/route_client-reference-manifest\.js$/.test(name))
              compilation.deleteAsset(name);
        },
      );
    });
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (several engineers, or CI jobs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: [
    "dockerode",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@node-rs/argon2",
    "ssh2",
    "ws",
    "prom-client",
  ],
  poweredByHeader: false,
  // Tailwind's CSS is small and shared by every page: inlined, the streamed rows need not wait for a stylesheet.
  experimental: { inlineCss: true },
  eslint: { ignoreDuringBuilds: true },
  // The client compilation emits the manifests (Next.js's ClientReferenceManifestPlugin).
  webpack(config, { isServer }) {
    if (!isServer) config.plugins.push(new DropRouteHandlerManifests());
    return config;
  },
  // Security headers are set in server.ts, on every response (some are answered before Next.js).
};

export default nextConfig;
