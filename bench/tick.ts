/**
 * One scheduler tick with 1k, 10k and 100k sessions stored, on both databases. The store grows as
 * a coalition's does: a hundred groups meeting this month, and years of past sessions behind
 * them, each with the reminder that went out. A tick should cost what is near, not what is
 * stored: the figure is the steady tick (once a minute, nothing new to plan), after one tick that
 * planned the month.
 */
import { WebClient } from "@slack/web-api";
import { boltLogger } from "../src/logger";
import { tick } from "../src/outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../src/outbox/pacer";
import type { LocalSlack } from "../src/local-slack";
import { seedGroups, seedProgramme, seedSessions, type SessionSpec, ZONE } from "./seed";
import { type BenchDb, type Figure, log, percentile, postgresDb, round, silent, sqliteDb, underBound } from "./support";

const SIZES = [1_000, 10_000, 100_000];
const GROUPS = 100;
const TICKS = 20;
/**
 * Ticks run before measuring: the first plans the month, the rest warm the JIT and the database's
 * caches. Ticks keep getting faster for a few dozen runs; with fewer, the 1k figure (measured
 * first) carried the warm-up and made growth look smaller than it is.
 */
const WARMUP_TICKS = 40;
const BOUND_MS = 50;
/** "Flat": the 100k tick within this factor of the 1k tick. */
const FLAT_RATIO = 1.5;
const DAY = 24 * 60 * 60_000;
const MINUTE = 60_000;
/** 09:00 in Chicago on a Tuesday; sessions are at 14:00, so no reminder falls due during the ticked minutes. */
const NOW = new Date("2022-03-08T15:00:00Z");

const label = (n: number) => (n >= 1000 ? `${n / 1000}k` : String(n));

export async function measureTicks(slack: LocalSlack): Promise<Figure[]> {
  const client = new WebClient(slack.botToken, { ...SCHEDULER_CLIENT_OPTIONS, slackApiUrl: slack.apiUrl, logger: boltLogger(silent) });
  const figures: Figure[] = [];
  for (const provider of ["sqlite", "postgresql"] as const) {
    const store = provider === "sqlite" ? await sqliteDb() : await postgresDb();
    if (!store) {
      for (const size of SIZES)
        figures.push(
          underBound(`scheduler tick, ${provider}, ${label(size)} sessions stored, p50`, "ms", null, BOUND_MS, {
            note: "PostgreSQL unreachable",
          }),
        );
      continue;
    }
    try {
      figures.push(...(await measureOn(store, slack, client)));
    } finally {
      await store.drop();
    }
  }
  return figures;
}

async function measureOn(store: BenchDb, slack: LocalSlack, client: WebClient): Promise<Figure[]> {
  const { db, provider } = store;
  const programmeId = await seedProgramme(db, NOW);
  const channels = Array.from({ length: GROUPS }, (_, i) => slack.addChannel({ name: `tick-${provider}-${i}` }).id);
  const groups = await seedGroups(store, programmeId, GROUPS, { channelOf: (i) => channels[i]! });
  // This month's sessions: at 14:00 Chicago (20:00Z), two to thirty days ahead.
  const live: SessionSpec[] = groups.map((groupId, i) => ({
    groupId,
    startsAt: new Date(NOW.getTime() + (2 + (i % 29)) * DAY + 5 * 60 * MINUTE),
  }));
  await seedSessions(store, programmeId, live, NOW);

  const results: { size: number; p50: number; p95: number; max: number; deliveries: number }[] = [];
  let stored = live.length;
  for (const size of SIZES) {
    log(`tick: ${provider}, growing the store to ${label(size)} sessions`);
    const past = Array.from(
      { length: size - stored },
      (_, k): SessionSpec => ({
        groupId: groups[k % GROUPS]!,
        // Five years of history before last month, spread evenly.
        startsAt: new Date(NOW.getTime() - 40 * DAY - Math.floor(((k + 0.5) / (size - stored)) * 5 * 365 * DAY)),
      }),
    );
    await seedSessions(store, programmeId, past, NOW);
    stored = size;

    const run = (minutes: number) =>
      tick({
        db,
        slack: client,
        logger: silent,
        now: () => new Date(NOW.getTime() + minutes * MINUTE),
        instanceId: "bench",
        pacer: new SlackPacer(),
        defaultTimezone: ZONE,
      });
    for (let i = 0; i < WARMUP_TICKS; i++) await run(i);
    const times: number[] = [];
    for (let i = WARMUP_TICKS; i < WARMUP_TICKS + TICKS; i++) {
      const t0 = performance.now();
      await run(i);
      times.push(performance.now() - t0);
    }
    results.push({
      size,
      p50: round(percentile(times, 50), 2),
      p95: round(percentile(times, 95), 2),
      max: round(Math.max(...times), 2),
      deliveries: await db.delivery.count(),
    });
  }

  const figures = results.map((r) =>
    underBound(`scheduler tick, ${provider}, ${label(r.size)} sessions stored, p50 of ${TICKS}`, "ms", r.p50, BOUND_MS, {
      detail: { p95: r.p95, max: r.max, deliveriesStored: r.deliveries },
    }),
  );
  const first = results[0]!;
  const last = results.at(-1)!;
  figures.push({
    figure: `tick growth ${label(first.size)} -> ${label(last.size)} sessions, ${provider}`,
    goal: `flat: <= ${FLAT_RATIO}x the ${label(first.size)} tick`,
    unit: "ms",
    measured: last.p50,
    reference: { label: `${label(first.size)} tick ${first.p50} ms`, value: first.p50 },
    maxRatio: FLAT_RATIO,
  });
  return figures;
}
