import type { Clock } from "./clock";

// Slack's published tiers (docs.slack.dev/apis/web-api/rate-limits): Tier 1 1+/min, Tier 2 20+/min,
// Tier 3 50+/min, Tier 4 100+/min, per method per workspace. chat.postMessage is "special": about
// one message per second per channel with short bursts, plus an unpublished workspace-wide bound.
// The burst size and the workspace bound are guesses and therefore configurable.

export type Tier = 1 | 2 | 3 | 4;

export const METHOD_TIERS: Record<string, Tier | "special"> = {
  "auth.test": 4,
  "chat.postMessage": "special",
  "chat.postEphemeral": 4,
  "chat.update": 3,
  "chat.delete": 3,
  "chat.getPermalink": 4,
  "conversations.archive": 2,
  "conversations.create": 2,
  "conversations.history": 3,
  "conversations.info": 3,
  "conversations.invite": 3,
  "conversations.join": 3,
  "conversations.kick": 3,
  "conversations.list": 2,
  "conversations.members": 4,
  "conversations.open": 3,
  "conversations.rename": 2,
  "conversations.replies": 3,
  "conversations.setPurpose": 2,
  "conversations.setTopic": 2,
  "conversations.unarchive": 2,
  "pins.add": 2,
  "users.info": 4,
  "users.lookupByEmail": 3,
  "views.open": 4,
  "views.publish": 4,
  "views.push": 4,
  "views.update": 4,
};

export interface RateLimitConfig {
  enabled: boolean;
  /** Requests per minute for each tier. */
  tiers: Record<Tier, number>;
  /** Overrides for METHOD_TIERS. */
  methodTiers: Record<string, Tier | "special">;
  /** chat.postMessage: sustained messages per second into one channel. */
  perChannelPerSecond: number;
  /** chat.postMessage: how many messages one channel may take at once before the per-second pace applies. */
  channelBurst: number;
  /** chat.postMessage: messages per minute across the workspace. */
  workspacePerMinute: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitConfig = {
  enabled: false,
  tiers: { 1: 1, 2: 20, 3: 50, 4: 100 },
  methodTiers: {},
  perChannelPerSecond: 1,
  channelBurst: 3,
  workspacePerMinute: 300,
};

export type RateLimitSettings = Partial<Omit<RateLimitConfig, "tiers">> & { tiers?: Partial<Record<Tier, number>> };

export interface RateLimitDecision {
  allowed: boolean;
  /** Exact wait until the call would be allowed. */
  waitMs: number;
  /** What Slack would put in Retry-After (whole seconds, at least 1). */
  retryAfterSeconds: number;
  /** Which limit applied, e.g. "tier2:conversations.create", "channel:C123", "workspace". */
  scope?: string;
}

export interface RateLimitStats {
  allowed: Record<string, number>;
  limited: Record<string, number>;
}

const MINUTE = 60_000;

class SlidingWindow {
  private readonly hits: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  waitMs(now: number): number {
    while (this.hits.length > 0 && this.hits[0]! <= now - this.windowMs) this.hits.shift();
    if (this.hits.length < this.limit) return 0;
    return this.hits[this.hits.length - this.limit]! + this.windowMs - now;
  }

  take(now: number): void {
    this.hits.push(now);
  }
}

class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
      this.last = now;
    }
  }

  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}

/** Per-method tiers plus the chat.postMessage special limits, all measured on the injected clock. */
export class RateLimiter {
  private config: RateLimitConfig = cloneConfig(DEFAULT_RATE_LIMITS);
  private windows = new Map<string, SlidingWindow>();
  private buckets = new Map<string, TokenBucket>();
  private counters: RateLimitStats = { allowed: {}, limited: {} };

  constructor(private readonly clock: Clock) {}

  configure(settings: RateLimitSettings): void {
    this.config = mergeConfig(this.config, settings);
    this.windows.clear();
    this.buckets.clear();
  }

  get settings(): RateLimitConfig {
    return cloneConfig(this.config);
  }

  tierOf(method: string): Tier | "special" {
    return this.config.methodTiers[method] ?? METHOD_TIERS[method] ?? 3;
  }

  /** Decides and, when allowed, consumes capacity. */
  check(method: string, channel?: string): RateLimitDecision {
    if (!this.config.enabled) return { allowed: true, waitMs: 0, retryAfterSeconds: 0 };
    const now = this.clock();
    const limits = this.limitsFor(method, channel, now);
    let worst: { waitMs: number; scope: string } | undefined;
    for (const limit of limits) {
      const waitMs = limit.waitMs(now);
      if (waitMs > 0 && (worst === undefined || waitMs > worst.waitMs)) worst = { waitMs, scope: limit.scope };
    }
    if (worst !== undefined) {
      this.counters.limited[method] = (this.counters.limited[method] ?? 0) + 1;
      return { allowed: false, waitMs: worst.waitMs, retryAfterSeconds: Math.max(1, Math.ceil(worst.waitMs / 1000)), scope: worst.scope };
    }
    for (const limit of limits) limit.take(now);
    this.counters.allowed[method] = (this.counters.allowed[method] ?? 0) + 1;
    return { allowed: true, waitMs: 0, retryAfterSeconds: 0 };
  }

  stats(): RateLimitStats {
    return { allowed: { ...this.counters.allowed }, limited: { ...this.counters.limited } };
  }

  reset(): void {
    this.windows.clear();
    this.buckets.clear();
    this.counters = { allowed: {}, limited: {} };
  }

  private limitsFor(
    method: string,
    channel: string | undefined,
    now: number,
  ): Array<{ scope: string; waitMs(now: number): number; take(now: number): void }> {
    const tier = this.tierOf(method);
    if (tier !== "special") {
      const scope = `tier${tier}:${method}`;
      return [{ scope, ...this.window(scope, this.config.tiers[tier], MINUTE) }];
    }
    const limits = [{ scope: "workspace", ...this.window("workspace", this.config.workspacePerMinute, MINUTE) }];
    if (channel !== undefined) {
      const scope = `channel:${channel}`;
      let bucket = this.buckets.get(scope);
      if (bucket === undefined) {
        bucket = new TokenBucket(this.config.channelBurst, this.config.perChannelPerSecond, now);
        this.buckets.set(scope, bucket);
      }
      const b = bucket;
      limits.push({ scope, waitMs: (t) => b.waitMs(t), take: (t) => b.take(t) });
    }
    return limits;
  }

  private window(key: string, limit: number, windowMs: number): { waitMs(now: number): number; take(now: number): void } {
    let w = this.windows.get(key);
    if (w === undefined) {
      w = new SlidingWindow(limit, windowMs);
      this.windows.set(key, w);
    }
    const win = w;
    return { waitMs: (t) => win.waitMs(t), take: (t) => win.take(t) };
  }
}

export interface PlannedCall {
  method: string;
  channel?: string;
}

/**
 * The shortest time (ms) in which `calls`, issued in order by a perfectly paced client starting
 * with fresh limits, can all be accepted under `settings`. Benchmarks compare their measured
 * duration against this.
 */
export function minimumDurationMs(calls: PlannedCall[], settings: RateLimitSettings = {}): number {
  let now = 0;
  const limiter = new RateLimiter(() => now);
  limiter.configure({ ...settings, enabled: true });
  for (const call of calls) {
    for (;;) {
      const decision = limiter.check(call.method, call.channel);
      if (decision.allowed) break;
      now += decision.waitMs;
    }
  }
  return now;
}

function cloneConfig(config: RateLimitConfig): RateLimitConfig {
  return { ...config, tiers: { ...config.tiers }, methodTiers: { ...config.methodTiers } };
}

function mergeConfig(base: RateLimitConfig, settings: RateLimitSettings): RateLimitConfig {
  return {
    ...base,
    ...settings,
    tiers: { ...base.tiers, ...(settings.tiers ?? {}) },
    methodTiers: { ...base.methodTiers, ...(settings.methodTiers ?? {}) },
  };
}
