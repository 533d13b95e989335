import "server-only";
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hash,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";

/** 256-bit random token, URL-safe. Used for sessions, API tokens and webhook secrets. */
export function randomToken(prefix = ""): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * Tokens are stored only as SHA-256 hashes: they are high-entropy, so a slow hash adds nothing. Every API request
 * hashes its credential: the one-shot `hash` costs a third of a Hash object's CPU (docs/scale.md, round 7).
 */
export function hashToken(token: string): string {
  return hash("sha256", token, "hex");
}

export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

let cachedKey: Buffer | undefined;

/** The at-rest key: WHARF_SECRET_KEY (any string, hashed to 32 bytes), else a random key kept in data/secret.key. */
function secretKey(): Buffer {
  if (cachedKey) return cachedKey;
  let material = config.secretKey;
  if (!material) {
    const file = path.resolve(config.secretKeyFile);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
    }
    material = fs.readFileSync(file, "utf8").trim();
  }
  cachedKey = createHash("sha256").update(material).digest();
  return cachedKey;
}

/** AES-256-GCM; output is "v1.<iv>.<tag>.<ciphertext>" in base64url. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secretKey(), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    "v1",
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    data.toString("base64url"),
  ].join(".");
}

export function decryptSecret(sealed: string): string {
  const [version, iv, tag, data] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || data === undefined) throw new Error("Unreadable secret");
  const decipher = createDecipheriv("aes-256-gcm", secretKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** A key for one purpose (e.g. ownership proofs), derived from the at-rest key: HMAC-SHA256(key, purpose). */
export function derivedKey(purpose: string): Buffer {
  return createHmac("sha256", secretKey()).update(purpose).digest();
}
