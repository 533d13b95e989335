import "server-only";

/** Runtime configuration, read once from the environment. Documented in README "Configuration". */
export const config = {
  databaseUrl: process.env.DATABASE_URL ?? "file:./data/wharf.db",
  secretKey: process.env.WHARF_SECRET_KEY ?? "",
  secretKeyFile: process.env.WHARF_SECRET_KEY_FILE ?? "./data/secret.key",
  adminEmail: process.env.WHARF_ADMIN_EMAIL ?? "",
  adminPassword: process.env.WHARF_ADMIN_PASSWORD ?? "",
  localDockerSocket: process.env.WHARF_LOCAL_DOCKER_SOCKET ?? "/var/run/docker.sock",
  sessionTtlHours: Number(process.env.WHARF_SESSION_TTL_HOURS ?? 24 * 7),
  /** Extra origins allowed for cookie-authenticated mutations (comma-separated), besides the request's own host. */
  trustedOrigins: (process.env.WHARF_TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
  /** Proxies (CIDR list, comma-separated) whose X-Forwarded-For/-Proto/-Host are believed; none by default. */
  /** How long the fleet's stored events (FleetEvent) are kept, in days (at least 1). */
  eventsRetentionDays: Math.max(1, Number(process.env.WHARF_EVENTS_RETENTION_DAYS ?? 7) || 7),
  trustedProxies: (process.env.WHARF_TRUSTED_PROXIES ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean),
  /** WHARF_METRICS_CONTAINERS=1: /metrics also has one series per container (off: 100,000 series at scale). */
  metricsPerContainer: process.env.WHARF_METRICS_CONTAINERS === "1",
  /** Metrics history (docs/metrics.md): the embedded collector (WHARF_METRICS_COLLECT=0 turns it off), its shortest
   * interval in seconds (stretched with the fleet's size), and the Prometheus the charts read instead, when set. */
  metricsCollect: process.env.WHARF_METRICS_COLLECT !== "0",
  metricsIntervalS: Math.max(1, Number(process.env.WHARF_METRICS_INTERVAL_S ?? 60) || 60),
  prometheusUrl: (process.env.WHARF_PROMETHEUS_URL ?? "").replace(/\/$/, ""),
  /** How often alert rules are evaluated (a batch over the stored events), and how long a new alert gathers
   * its group before the first notification; the first delay between send retries (then ×4). docs/alerts.md */
  alertsIntervalMs: Math.max(200, Number(process.env.WHARF_ALERTS_INTERVAL_MS ?? 5000) || 5000),
  alertsGroupWaitMs: Math.max(0, Number(process.env.WHARF_ALERTS_GROUP_WAIT_MS ?? 10_000) || 0),
  alertsRetryMs: Math.max(100, Number(process.env.WHARF_ALERTS_RETRY_MS ?? 2000) || 2000),
  /** The console's address, for links in notifications (e.g. https://wharf.example.com). */
  publicUrl: (process.env.WHARF_PUBLIC_URL ?? "").replace(/\/$/, ""),
  /** Scheduled backups (docs/database.md "Backups"): the folder (unset: none), hours between two, how many kept. */
  backupDir: process.env.WHARF_BACKUP_DIR ?? "",
  backupIntervalHours: Math.max(0.01, Number(process.env.WHARF_BACKUP_INTERVAL_HOURS ?? 24) || 24),
  backupKeep: Math.max(1, Math.floor(Number(process.env.WHARF_BACKUP_KEEP ?? 7) || 7)),
};
