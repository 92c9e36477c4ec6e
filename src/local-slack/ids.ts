import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

/**
 * Slack-looking ids (U…, C…, D…, V…) that are deterministic per emulator instance, so test output
 * is stable, and never collide with ids a test chose itself.
 */
export class IdGenerator {
  private readonly counters = new Map<string, number>();

  constructor(private readonly taken: (id: string) => boolean = () => false) {}

  next(prefix: string, length = 10): string {
    for (;;) {
      const n = (this.counters.get(prefix) ?? 0) + 1;
      this.counters.set(prefix, n);
      let body = "";
      let rest = n;
      while (rest > 0) {
        body = ALPHABET[rest % 36] + body;
        rest = Math.floor(rest / 36);
      }
      const id = prefix + body.padStart(length - prefix.length, "0");
      if (!this.taken(id)) return id;
    }
  }
}

/** Message timestamps: "<seconds>.<micros>", strictly increasing even when the clock stands still. */
export class TsGenerator {
  private lastMicros = 0n;

  next(nowMs: number): string {
    let micros = BigInt(Math.floor(nowMs)) * 1000n;
    if (micros <= this.lastMicros) micros = this.lastMicros + 1n;
    this.lastMicros = micros;
    const seconds = micros / 1_000_000n;
    const fraction = (micros % 1_000_000n).toString().padStart(6, "0");
    return `${seconds}.${fraction}`;
  }
}

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString("hex");
}

/** Slack fills in a short random block_id (e.g. "2WGp9") when the app gives none. */
export function generatedBlockId(): string {
  const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=";
  const bytes = randomBytes(5);
  let id = "";
  for (const b of bytes) id += chars[b % chars.length];
  return id;
}

/** Compares Slack timestamps numerically without float rounding. */
export function compareTs(a: string, b: string): number {
  const [as, af = ""] = a.split(".");
  const [bs, bf = ""] = b.split(".");
  const ai = BigInt(as || "0") * 1_000_000n + BigInt(`${af}000000`.slice(0, 6) || "0");
  const bi = BigInt(bs || "0") * 1_000_000n + BigInt(`${bf}000000`.slice(0, 6) || "0");
  return ai < bi ? -1 : ai > bi ? 1 : 0;
}

export function isSlackTs(value: string): boolean {
  return /^\d+(\.\d+)?$/.test(value);
}
