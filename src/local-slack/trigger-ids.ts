import type { Clock } from "./clock";
import { randomHex } from "./ids";

/** Slack lets a trigger_id be exchanged once, within 3 seconds of the interaction. */
export const TRIGGER_TTL_MS = 3000;

interface TriggerRecord {
  userId: string;
  issuedAt: number;
  exchangedAt?: number;
}

export type TriggerExchange =
  | { ok: true; userId: string }
  | { ok: false; error: "invalid_trigger_id" | "expired_trigger_id" | "exchanged_trigger_id" };

export class TriggerIds {
  private readonly triggers = new Map<string, TriggerRecord>();
  private sequence = 0;

  constructor(
    private readonly clock: Clock,
    private readonly teamNumber: string,
  ) {}

  /** Same shape as Slack's: "<seconds>.<team number>.<hex>". */
  issue(userId: string): string {
    this.sequence += 1;
    const issuedAt = this.clock();
    const id = `${Math.floor(issuedAt / 1000)}${String(this.sequence).padStart(4, "0")}.${this.teamNumber}.${randomHex(16)}`;
    this.triggers.set(id, { userId, issuedAt });
    return id;
  }

  /** Validates without consuming, so a view that fails validation leaves the trigger usable. */
  check(id: string): TriggerExchange {
    const record = this.triggers.get(id);
    if (record === undefined) return { ok: false, error: "invalid_trigger_id" };
    if (record.exchangedAt !== undefined) return { ok: false, error: "exchanged_trigger_id" };
    if (this.clock() - record.issuedAt > TRIGGER_TTL_MS) return { ok: false, error: "expired_trigger_id" };
    return { ok: true, userId: record.userId };
  }

  consume(id: string): void {
    const record = this.triggers.get(id);
    if (record !== undefined) record.exchangedAt = this.clock();
  }

  clear(): void {
    this.triggers.clear();
  }
}
