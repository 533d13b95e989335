import "server-only";
import { createHmac } from "node:crypto";
import nodemailer from "nodemailer";
import { decryptSecret, encryptSecret } from "@/lib/crypto";
import { resolveEgress, type EgressSubject } from "@/lib/egress/check";
import { egressPost } from "@/lib/egress/http";
import { ChannelConfig, type AlertView, type NotifyReason } from "@/lib/validations/alerts";

/** What one notification says, whatever the channel: the JSON body of the generic webhook, text for the others. */
export type Message = {
  event: `alert.${NotifyReason}`;
  alert: Pick<
    AlertView,
    | "id"
    | "ruleName"
    | "kind"
    | "severity"
    | "state"
    | "title"
    | "count"
    | "subjects"
    | "firedAt"
    | "resolvedAt"
  > & { tenantId: string | null };
  url: string | null;
  subject: string;
  text: string;
};

export const sealConfig = (c: ChannelConfig) => encryptSecret(JSON.stringify(c));
/** The one reader of AlertChannel.configEncrypted. */
export const openConfig = (sealed: string): ChannelConfig =>
  ChannelConfig.parse(JSON.parse(decryptSecret(sealed)));

/** What a channel may show: never a path or a token, only the host, or the recipients. */
export function displayTarget(c: ChannelConfig): string {
  if (c.kind === "email") return `${c.to.join(", ")} via ${c.host}:${c.port}`;
  return new URL(c.url).host;
}

/**
 * Channels are held to the egress policy of who owns them: a tenant's channel to the tenant's (even when an admin
 * saved it, like registries), a fleet-wide one (written by admins only) to an admin's.
 */
export const channelEgress = (tenantId: string | null): EgressSubject => ({ admin: tenantId === null });

const SEND_TIMEOUT_MS = 10_000;

/** Sends one message; throws with a short reason (HTTP status, SMTP answer, egress refusal). */
export async function sendMessage(config: ChannelConfig, m: Message, who: EgressSubject): Promise<void> {
  if (config.kind === "email") return sendMail(config, m, who);
  const body =
    config.kind === "slack"
      ? JSON.stringify({ text: m.text })
      : config.kind === "discord"
        ? JSON.stringify({ content: m.text.slice(0, 2000) })
        : JSON.stringify({ event: m.event, alert: m.alert, url: m.url });
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "user-agent": "Wharf-Alerts",
  };
  if (config.kind === "webhook") Object.assign(headers, signatureHeaders(config.secret, body, m.event));
  const res = await egressPost(new URL(config.url), headers, body, who, SEND_TIMEOUT_MS);
  if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status}`);
}

/** Receivers check: hex HMAC-SHA256 over `<timestamp>.<body>` with the channel's secret (docs/alerts.md). */
export function signatureHeaders(secret: string, body: string, event: string, now = Date.now()) {
  const ts = String(Math.floor(now / 1000));
  const sig = createHmac("sha256", secret).update(`${ts}.${body}`).digest("hex");
  return { "x-wharf-event": event, "x-wharf-timestamp": ts, "x-wharf-signature": `sha256=${sig}` };
}

async function sendMail(c: Extract<ChannelConfig, { kind: "email" }>, m: Message, who: EgressSubject) {
  // Connect to the address the policy checked; TLS still verifies the name the admin gave.
  const address = await resolveEgress(c.host, c.port, who);
  const transport = nodemailer.createTransport({
    host: address,
    port: c.port,
    secure: c.secure,
    auth: c.username ? { user: c.username, pass: c.password ?? "" } : undefined,
    tls: { servername: c.host.replace(/^\[|\]$/g, "") },
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: c.from, to: c.to, subject: m.subject, text: m.text });
  } finally {
    transport.close();
  }
}
