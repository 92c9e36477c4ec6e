/**
 * What the person hears when staff or a facilitator change their groups by hand (added, moved,
 * removed, promoted from the waitlist), and what the one who did it reads back. Pure.
 */
import { escapeMrkdwn, type Message } from "./message";
import { contextLine, mrkdwnSection } from "./modal-kit";
import { type GroupLine, type SessionLine, sessionsText, withdrawButton } from "./signup-messages";

export type MembershipAction = "add" | "move" | "remove" | "promote";

export interface MembershipChangeView {
  action: MembershipAction;
  /** Who made the change. */
  by: string;
  /** The group acted on: the one joined (add, promote), left (remove), or left for `to` (move). */
  group: GroupLine;
  to: GroupLine | null;
  /** Where they landed in the group they joined; null for a removal. */
  status: "ACTIVE" | "WAITLISTED" | null;
  position: number | null;
  sessions: readonly SessionLine[];
  zone: string;
}

const named = (g: GroupLine) => `*${escapeMrkdwn(g.name)}*`;
const channel = (g: GroupLine) => (g.channelId ? ` Its conversations happen in <#${g.channelId}>, and Convene added you there.` : "");
const waiting = (position: number | null) =>
  `on its waitlist${position ? `, number ${position} in line` : ""}. Convene will message you when a seat opens.`;

/** The DM to the person whose groups changed. */
export function membershipChangeMessage(v: MembershipChangeView): Message {
  const joined = v.to ?? v.group;
  const seated = v.status === "ACTIVE";
  let headline: string;
  switch (v.action) {
    case "add":
      headline = seated
        ? `:white_check_mark: <@${v.by}> added you to ${named(joined)} (${escapeMrkdwn(joined.programmeName)}). You're in!${channel(joined)}`
        : `:hourglass_flowing_sand: <@${v.by}> added you to ${named(joined)}, which is full, so you're ${waiting(v.position)}`;
      break;
    case "move":
      headline = `:arrows_counterclockwise: <@${v.by}> moved you from ${named(v.group)} to ${named(joined)}. ${seated ? `You're in!${channel(joined)}` : `It is full, so you're ${waiting(v.position)}`}${v.group.channelId ? ` You are no longer in <#${v.group.channelId}>.` : ""}`;
      break;
    case "promote":
      headline = `:tada: <@${v.by}> gave you a seat in ${named(joined)} from its waitlist: you're in!${channel(joined)}`;
      break;
    case "remove":
      headline = `<@${v.by}> took you out of ${named(v.group)} (${escapeMrkdwn(v.group.programmeName)})${v.group.channelId ? `, and out of <#${v.group.channelId}>` : ""}. If that looks like a mistake, ask them.`;
      break;
  }
  const blocks: Message["blocks"] = [mrkdwnSection(headline)];
  if (v.action !== "remove" && seated) {
    blocks.push(mrkdwnSection(sessionsText(v.sessions, v.zone)));
    blocks.push(contextLine("If you can no longer take part, withdraw so that someone else can have your place."));
    blocks.push({ type: "actions", block_id: "membership_change_actions", elements: [withdrawButton(joined.id, joined.name)] });
  }
  return { text: fallback(v), blocks };
}

function fallback(v: MembershipChangeView): string {
  const to = v.to ?? v.group;
  switch (v.action) {
    case "add":
      return v.status === "ACTIVE"
        ? `<@${v.by}> added you to ${escapeMrkdwn(to.name)}.`
        : `<@${v.by}> put you on the waitlist for ${escapeMrkdwn(to.name)}.`;
    case "move":
      return `<@${v.by}> moved you from ${escapeMrkdwn(v.group.name)} to ${escapeMrkdwn(to.name)}${v.status === "WAITLISTED" ? " (its waitlist)" : ""}.`;
    case "promote":
      return `<@${v.by}> gave you a seat in ${escapeMrkdwn(to.name)}.`;
    case "remove":
      return `<@${v.by}> took you out of ${escapeMrkdwn(v.group.name)}.`;
  }
}

export interface MembershipChangeDone {
  action: MembershipAction;
  person: string;
  group: { name: string };
  to: { name: string } | null;
  status: "ACTIVE" | "WAITLISTED" | null;
  position: number | null;
  /** Seats taken past the group's capacity (a promotion into a full group). */
  overCapacity: boolean;
}

/** What the one who made the change reads: in the modal, or beside the command. */
export function membershipChangeDoneText(r: MembershipChangeDone): string {
  const joined = `*${escapeMrkdwn((r.to ?? r.group).name)}*`;
  const place = r.status === "WAITLISTED" ? ` It is full, so they are on its waitlist${r.position ? ` (number ${r.position})` : ""}.` : "";
  const over = r.overCapacity ? " The group now has more members than its capacity." : "";
  const told = " They got a DM, and the channel follows.";
  switch (r.action) {
    case "add":
      return `:white_check_mark: Added <@${r.person}> to ${joined}.${place}${told}`;
    case "move":
      return `:white_check_mark: Moved <@${r.person}> from *${escapeMrkdwn(r.group.name)}* to ${joined}.${place}${told}`;
    case "promote":
      return `:white_check_mark: <@${r.person}> has a seat in ${joined}.${over}${told}`;
    case "remove":
      return `:white_check_mark: Took <@${r.person}> out of ${joined}.${told}`;
  }
}
