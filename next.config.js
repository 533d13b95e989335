/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets parallel builds (several engineers, or CI jobs) use separate output folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native and Node-only packages stay outside the server bundle.
  serverExternalPackages: ["dockerode", "better-sqlite3", "@prisma/adapter-better-sqlite3", "@node-rs/argon2", "ssh2", "ws"],
  poweredByHeader: false,
  eslint: { ignoreDuringBuilds: true },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
