import { createHash, createHmac } from "node:crypto";

export interface SlackSignatureHeaders {
  "x-slack-signature": string;
  "x-slack-request-timestamp": string;
}

/**
 * Signs a request body the way Slack does (signing secret v0): HMAC-SHA256 over
 * `v0:<timestamp>:<raw body>`, hex encoded and prefixed with `v0=`.
 *
 * The timestamp defaults to the wall clock, not the emulator clock, because the app checks it
 * against its own clock (Bolt rejects anything older than five minutes).
 */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSeconds: number = Math.floor(Date.now() / 1000),
): SlackSignatureHeaders {
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest("hex");
  return {
    "x-slack-signature": `v0=${digest}`,
    "x-slack-request-timestamp": String(timestampSeconds),
  };
}

/**
 * Slack signs each delivery as it sends it, and a retry is a later delivery: it never sends the
 * same bytes twice, and an app may refuse a byte-identical replay. A body sent again within the
 * same second is therefore stamped a second later than the last time.
 */
export class DeliveryStamps {
  private readonly last = new Map<string, number>();

  stamp(rawBody: string, nowSeconds: number = Math.floor(Date.now() / 1000)): number {
    const key = createHash("sha256").update(rawBody).digest("base64");
    const seconds = Math.max(nowSeconds, (this.last.get(key) ?? 0) + 1);
    this.last.set(key, seconds);
    if (this.last.size > 10_000) for (const [k, at] of this.last) if (at < nowSeconds - 600) this.last.delete(k);
    return seconds;
  }
}
