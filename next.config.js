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
  // Security headers are set in server.ts, on every response (some are answered before Next.js).
};

export default nextConfig;
