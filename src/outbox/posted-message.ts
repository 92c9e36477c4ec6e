import type { WebClient } from "@slack/web-api";

/** The metadata event types of Convene's posts that must not be repeated: a reminder, and a follow-up DM. */
export const REMINDER_EVENT_TYPE = "convene_reminder";
export const FOLLOW_UP_EVENT_TYPE = "convene_follow_up";

/**
 * The message an earlier attempt posted for a delivery, if any: found by the metadata Convene
 * attaches to every post it must not repeat, among the channel's latest messages (or its thread's
 * replies). A DM is addressed by user id until it is sent, so its conversation is opened first.
 */
export async function findPostedMessage(
  slack: WebClient,
  where: { channelId: string; threadTs?: string | null; eventType: string; deliveryId: string },
): Promise<{ ts: string; channel: string } | null> {
  let channel = where.channelId;
  if (/^[UW]/.test(channel)) channel = (await slack.conversations.open({ users: channel })).channel!.id!;
  const { messages = [] } = where.threadTs
    ? await slack.conversations.replies({ channel, ts: where.threadTs, include_all_metadata: true, limit: 200 })
    : await slack.conversations.history({ channel, include_all_metadata: true, limit: 100 });
  const mine = messages.find(
    (m) =>
      m.metadata?.event_type === where.eventType &&
      (m.metadata.event_payload as Record<string, unknown> | undefined)?.delivery_id === where.deliveryId,
  );
  return mine?.ts ? { ts: mine.ts, channel } : null;
}

/** The metadata that lets `findPostedMessage` find a delivery's post. */
export const deliveryMetadata = (eventType: string, deliveryId: string) => ({
  event_type: eventType,
  event_payload: { delivery_id: deliveryId },
});
