/**
 * A post meant for staff that Slack refused for good (a proposal's review card, a submission's
 * review DM) would leave staff unaware of it: it is failed in the reminder queue with its reason,
 * and each staff member gets a short DM saying so. One rule for every such post.
 */
import type { Db } from "../db/client";
import { staffPostRefusedMessage } from "../views/admin-messages";
import { findDelivery } from "./delivery-repository";
import { enqueue, type FollowUp, type StaffPost } from "./enqueue";

/** Enqueues the DMs to staff about a refused delivery; returns their ids for the caller to send. */
export async function tellStaffRefused(deps: { db: Db; now: () => Date }, deliveryId: string, post: StaffPost): Promise<string[]> {
  const d = await findDelivery(deps.db, deliveryId);
  if (!d?.channelId) return [];
  const where = /^[CG]/.test(d.channelId) ? `<#${d.channelId}>` : `the DM to <@${d.channelId}>`;
  const message = staffPostRefusedMessage({ about: post.about, where, error: d.lastError ?? "refused", next: post.next });
  // These carry no staffPost: one refused in turn tells nobody again.
  const dms: FollowUp[] = [...new Set(post.tell)].map((to) => ({ kind: "dm", dedupeKey: `${post.subject}:refused:${to}`, to, message }));
  return deps.db.$transaction((tx) => enqueue(tx, dms, deps.now()));
}
