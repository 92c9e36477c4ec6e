/**
 * A post meant for staff that Slack refused for good (a proposal's review card, a submission's
 * review DM) would leave staff unaware of it: it is failed in the reminder queue with its reason,
 * and each staff member gets a short DM saying so. One rule for every such post.
 */
import { z } from "zod";
import type { Db } from "../db/client";
import { insertFollowUps } from "../db/follow-up-repository";
import { staffPostRefusedMessage } from "../views/admin-messages";

/** What a post meant for staff says about itself, should Slack refuse it. */
export const staffPostSchema = z.object({
  /** Scopes the DMs: one per staff member per subject (`submission:<id>`), however many posts of it fail. */
  subject: z.string().min(1),
  /** What was refused, as mrkdwn ("the review card for *Title* (Programme)"). */
  about: z.string().min(1),
  /** What staff can do now (mrkdwn). */
  next: z.string().min(1),
  /** Who to tell: staff's Slack ids. */
  tell: z.array(z.string().min(1)),
});
export type StaffPost = z.infer<typeof staffPostSchema>;

/** Enqueues the DMs to staff about a refused delivery (kind `dm`); returns their ids for the caller to send. */
export async function tellStaffRefused(deps: { db: Db; now: () => Date }, deliveryId: string, post: StaffPost): Promise<string[]> {
  const d = await deps.db.delivery.findUnique({ where: { id: deliveryId }, select: { channelId: true, lastError: true } });
  if (!d?.channelId) return [];
  const where = /^[CG]/.test(d.channelId) ? `<#${d.channelId}>` : `the DM to <@${d.channelId}>`;
  const message = staffPostRefusedMessage({ about: post.about, where, error: d.lastError ?? "refused", next: post.next });
  const rows = [...new Set(post.tell)].map((to) => ({ dedupeKey: `${post.subject}:refused:${to}`, kind: "dm", channelId: to, payload: { text: message.text, blocks: message.blocks } }));
  return deps.db.$transaction((tx) => insertFollowUps(tx, rows, deps.now()));
}
