// Runs once when the server process starts (Next.js instrumentation hook): first admin, then the
// long-lived services (the fleet event followers, the console WebSocket handler) live in lib/startup.ts.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/startup");
  await startServer();
}
