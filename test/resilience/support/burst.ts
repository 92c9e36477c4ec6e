import { DateTime } from "luxon";
import type { Db } from "../../../src/db/client";
import { REMINDER_EVENT_TYPE } from "../../../src/outbox/posted-message";
import { seedGroup, seedProgramme, seedSession, ZONE } from "../../helpers/reminder-fixtures";
import type { LocalSlack, PostedMessage } from "../../../src/local-slack";

/** The key suffix of a session's day-before reminder in its group's channel. */
const DAY_BEFORE = ":1440:GROUP_CHANNEL";

export interface Burst {
  channels: string[];
  /** How many reminders are due now. */
  size: number;
  /** The reminders Slack holds now, across the burst's channels. */
  posted(): PostedMessage[];
  /** The burst's outbox rows. */
  deliveries(): Promise<{ id: string; status: string; messageTs: string | null; claimedBy: string | null }[]>;
}

/**
 * `channels` groups, each with its own channel and `perChannel` sessions starting within the next
 * day, so each session's day-before reminder is due now: `channels × perChannel` reminders that
 * the scheduler's first tick finds due together. One message a second per channel (Slack's pace,
 * which Convene keeps) makes the burst last `perChannel` seconds.
 */
export async function seedBurst(db: Db, slack: LocalSlack, opts: { channels: number; perChannel: number; now?: Date }): Promise<Burst> {
  const programme = await seedProgramme(db, { announcementChannelId: null });
  const channels: string[] = [];
  const minute = DateTime.fromJSDate(opts.now ?? new Date(), { zone: ZONE }).startOf("minute");
  for (let c = 0; c < opts.channels; c++) {
    const channel = slack.addChannel({ name: `burst-${programme.slug}-${c}` }).id;
    channels.push(channel);
    const group = await seedGroup(db, programme.id, { slug: `g${c}`, channelId: channel });
    for (let k = 0; k < opts.perChannel; k++) {
      const localStart = minute.plus({ days: 1, minutes: -k }).toFormat("yyyy-MM-dd'T'HH:mm");
      await seedSession(db, { programmeId: programme.id, groupId: group.id, localStart, title: `Session ${c}.${k}` });
    }
  }
  return {
    channels,
    size: opts.channels * opts.perChannel,
    posted: () => channels.flatMap((c) => slack.messages(c).filter((m) => m.metadata?.event_type === REMINDER_EVENT_TYPE)),
    deliveries: () =>
      db.delivery.findMany({
        where: { dedupeKey: { endsWith: DAY_BEFORE }, session: { programmeId: programme.id } },
        select: { id: true, status: true, messageTs: true, claimedBy: true },
      }),
  };
}

/** True once the whole burst is planned and recorded as sent. */
export async function allSent(burst: Burst): Promise<boolean> {
  const rows = await burst.deliveries();
  return rows.length === burst.size && rows.every((d) => d.status === "SENT");
}

/** How many messages carry each delivery id. */
export function postsPerDelivery(posted: readonly PostedMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of posted) {
    const id = String(m.metadata!.event_payload.delivery_id);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/**
 * What "exactly once" means for a burst: every due reminder is SENT, each has exactly one message
 * in Slack carrying its id, and the row records that message.
 */
export async function expectEachSentOnce(burst: Burst): Promise<void> {
  const rows = await burst.deliveries();
  const posted = burst.posted();
  expect(rows).toHaveLength(burst.size);
  expect(rows.filter((r) => r.status !== "SENT")).toEqual([]);
  const counts = postsPerDelivery(posted);
  expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
  expect([...counts.keys()].sort()).toEqual(rows.map((r) => r.id).sort());
  const tsById = new Map(posted.map((m) => [String(m.metadata!.event_payload.delivery_id), m.ts]));
  expect(rows.filter((r) => r.messageTs !== tsById.get(r.id))).toEqual([]);
}
