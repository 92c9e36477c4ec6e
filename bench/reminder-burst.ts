/**
 * 1,000 reminders due at once, to 1,000 channels, through the local Slack with its rate limits
 * on (its defaults: 300 messages a minute across the workspace, one a second into a channel
 * after a burst of 3), against the least time those limits allow (`minimumDurationMs`): from
 * the tick that finds them due to the last one Slack accepted. The workspace bound is what binds
 * (one message per channel), so this takes about three minutes. The scheduler's pacer runs with
 * its production defaults, which assume the same bound.
 */
import { WebClient } from "@slack/web-api";
import { boltLogger } from "../src/logger";
import { REMINDER_EVENT_TYPE } from "../src/outbox/posted-message";
import { tick } from "../src/outbox/reminders";
import { SCHEDULER_CLIENT_OPTIONS, SlackPacer } from "../src/outbox/pacer";
import { LocalSlack } from "../src/local-slack";
import { seedGroups, seedProgramme, seedSessions, ZONE } from "./seed";
import { type Figure, log, round, silent, sqliteDb } from "./support";

const REMINDERS = 1000;
const MAX_RATIO = 1.1;
const DAY = 24 * 60 * 60_000;

export async function measureReminderBurst(): Promise<Figure[]> {
  const slack = await LocalSlack.start({ signingSecret: "bench-burst-signing-secret" });
  const store = await sqliteDb();
  try {
    const now = new Date();
    const channels = Array.from({ length: REMINDERS }, (_, i) => slack.addChannel({ name: `burst-${i}` }).id);
    const programmeId = await seedProgramme(store.db, now);
    const groups = await seedGroups(store, programmeId, REMINDERS, { channelOf: (i) => channels[i]! });
    // Each session a day away: its day-before reminder is due now (its week-before one is moot).
    await seedSessions(
      store,
      programmeId,
      groups.map((groupId) => ({ groupId, startsAt: new Date(now.getTime() + DAY) })),
      now,
    );
    slack.setRateLimits({ enabled: true });
    const { workspacePerMinute } = slack.rateLimits;
    const allowedMs = slack.minimumDurationMs(channels.map((channel) => ({ method: "chat.postMessage", channel })));

    log(`reminder burst: ${REMINDERS} reminders, workspace limit ${workspacePerMinute}/min (at least ${round(allowedMs / 1000)} s)`);
    const client = new WebClient(slack.botToken, { ...SCHEDULER_CLIENT_OPTIONS, slackApiUrl: slack.apiUrl, logger: boltLogger(silent) });
    const started = Date.now();
    const report = await tick({
      db: store.db,
      slack: client,
      logger: silent,
      now: () => now,
      instanceId: "bench",
      pacer: new SlackPacer(),
      defaultTimezone: ZONE,
    });
    const posts = slack.callsTo("chat.postMessage").filter((c) => c.status === 200);
    const lastAccepted = Math.max(...posts.map((c) => c.at));
    const firstAccepted = Math.min(...posts.map((c) => c.at));

    const delivered = channels.flatMap((c) => slack.messages(c).filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE));
    const ids = delivered.map((m) => String(m.metadata!.event_payload.delivery_id));
    const unique = new Set(ids).size;
    const refused = slack.rateLimitStats().limited["chat.postMessage"] ?? 0;
    return [
      {
        figure: `${REMINDERS.toLocaleString("en-US")} reminders to ${REMINDERS.toLocaleString("en-US")} channels, due to last accepted (limit ${workspacePerMinute}/min)`,
        goal: `<= ${MAX_RATIO}x the time the limits allow`,
        unit: "s",
        measured: round((lastAccepted - started) / 1000, 2),
        reference: { label: `allowed ${round(allowedMs / 1000, 2)} s`, value: round(allowedMs / 1000, 2) },
        maxRatio: MAX_RATIO,
        detail: {
          firstToLastAcceptedSeconds: round((lastAccepted - firstAccepted) / 1000, 2),
          planningSeconds: round((firstAccepted - started) / 1000, 2),
          delivered: unique,
          duplicates: ids.length - unique,
          refusedWith429: refused,
          outcomes: report.deliveries.reduce<Record<string, number>>((acc, d) => {
            acc[d.outcome] = (acc[d.outcome] ?? 0) + 1;
            return acc;
          }, {}),
        },
        ...(unique !== REMINDERS || ids.length !== unique ? { note: `${unique} delivered, ${ids.length - unique} duplicated` } : {}),
      },
    ];
  } finally {
    await store.drop();
    await slack.stop();
  }
}
