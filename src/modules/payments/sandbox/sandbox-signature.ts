/**
 * The sandbox's callback signature: header `x-sandbox-signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256(secret, "<t>.<raw body>")>`. Verified on the raw bytes, in constant time, within a
 * 5-minute window; the gateway signs each delivery afresh, so a retried callback is never stale.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SANDBOX_SIGNATURE_HEADER = 'x-sandbox-signature';
const SIGNATURE_WINDOW_SECONDS = 300;

function hmac(secret: string, timestamp: string, rawBody: Buffer | string): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
}

/** The header value signing `rawBody` at `at` (now by default). */
export function signSandboxCallback(secret: string, rawBody: Buffer | string, at: Date = new Date()): string {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return `t=${timestamp},v1=${hmac(secret, timestamp, rawBody).toString('hex')}`;
}

/** True when `header` signs exactly these bytes with `secret` and is at most 5 minutes old (or ahead). */
export function verifySandboxSignature(
  secret: string,
  rawBody: Buffer,
  header: string | string[] | undefined,
  nowMs: number = Date.now(),
): boolean {
  const match = typeof header === 'string' ? header.match(/^t=(\d{1,12}),v1=([0-9a-f]{64})$/) : null;
  if (!match) return false;
  const [, timestamp, signature] = match as unknown as [string, string, string];
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS) return false;
  // Constant-time comparison, so timing reveals nothing about the expected signature.
  return timingSafeEqual(hmac(secret, timestamp, rawBody), Buffer.from(signature, 'hex'));
}
