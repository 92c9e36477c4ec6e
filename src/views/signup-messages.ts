/**
 * What Convene tells people about sign-ups, outside the modal: the confirmation (or waitlist place),
 * the promotion when a seat opens, the note to facilitators, and the withdrawal. Pure.
 */
import type { Button, KnownBlock } from "@slack/types";
import { ACTIONS } from "./actions";
import { escapeMrkdwn, type Message } from "./message";
import { contextLine, mrkdwnSection, plain } from "./modal-kit";
import { fallbackText, slackDate } from "./slack-date";

export interface SessionLine {
  title: string;
  startsAt: Date;
}

export interface GroupLine {
  id: string;
  name: string;
  programmeName: string;
  /** The group's Slack channel, once it has one. */
  channelId: string | null;
}

const WHEN = "{date_short_pretty} at {time}";

/** The next sessions, each in the reader's own zone (`zone` is only the fallback text's). */
export function sessionsText(sessions: readonly SessionLine[], zone: string): string {
  if (sessions.length === 0) return "_No sessions are scheduled yet: you will get a reminder before each one._";
  return ["*Next sessions*", ...sessions.map((s) => `• ${slackDate(s.startsAt, WHEN, zone)}  ${escapeMrkdwn(s.title)}`)].join("\n");
}

const sessionsFallback = (sessions: readonly SessionLine[], zone: string) =>
  sessions.length ? ` Next session: ${sessions[0]!.title}, ${fallbackText(sessions[0]!.startsAt, WHEN, zone)}.` : "";

const channelText = (g: GroupLine) => (g.channelId ? ` Conversations happen in <#${g.channelId}>.` : "");

export const withdrawButton = (groupId: string, groupName: string): Button => ({
  type: "button",
  action_id: ACTIONS.withdrawMembership,
  value: groupId,
  text: plain("Withdraw", 75),
  confirm: {
    title: plain("Withdraw?", 100),
    text: plain(`You will give up your place in ${groupName}. Someone on the waitlist may take it.`, 300),
    confirm: plain("Withdraw", 30),
    deny: plain("Stay", 30),
    style: "danger",
  },
});

/** For someone a colleague signed up: they chose nothing, so undoing it takes one click, no confirmation. */
const notMeButton = (groupId: string): Button => ({
  type: "button",
  action_id: ACTIONS.withdrawMembership,
  value: groupId,
  text: plain("Withdraw me", 75),
});

const joinButton = (groupId: string): Button => ({
  type: "button",
  action_id: ACTIONS.joinGroup,
  value: groupId,
  text: plain("Sign up again", 75),
});

const actions = (blockId: string, ...elements: Button[]): KnownBlock => ({ type: "actions", block_id: blockId, elements });

/** To each person signed up: they are in (or waiting), who signed them up, and what comes next. */
export function signupConfirmationMessage(input: {
  group: GroupLine;
  status: "ACTIVE" | "WAITLISTED";
  position: number | null;
  signedUpBy: string | null;
  sessions: readonly SessionLine[];
  zone: string;
}): Message {
  const { group, status, position, signedUpBy, sessions, zone } = input;
  const name = escapeMrkdwn(group.name);
  const by = signedUpBy ? `<@${signedUpBy}> signed you up for` : "You signed up for";
  const headline =
    status === "ACTIVE"
      ? `:white_check_mark: ${by} *${name}* (${escapeMrkdwn(group.programmeName)}). You're in!${channelText(group)}`
      : `:hourglass_flowing_sand: ${by} *${name}*, which is full, so you're on its waitlist${position ? `: number ${position} in line` : ""}. Convene will message you as soon as a seat opens.`;
  const fallbackBy = signedUpBy ? `<@${signedUpBy}> signed you up for` : "You're signed up for";
  const text =
    status === "ACTIVE"
      ? `${fallbackBy} ${escapeMrkdwn(group.name)}.${sessionsFallback(sessions, zone)}`
      : `${signedUpBy ? `<@${signedUpBy}> signed you up for ${escapeMrkdwn(group.name)}; you're on its waitlist` : `You're on the waitlist for ${escapeMrkdwn(group.name)}`}${position ? ` (number ${position})` : ""}.`;
  const blocks: KnownBlock[] = [mrkdwnSection(headline)];
  if (status === "ACTIVE") blocks.push(mrkdwnSection(sessionsText(sessions, zone)));
  if (signedUpBy) {
    blocks.push(
      contextLine(
        `<@${signedUpBy}> said you will attend all sessions. If you can't, or did not agree to this, withdraw with one click: your place goes to someone else.`,
      ),
      actions("signup_confirmation_actions", notMeButton(group.id)),
    );
  } else {
    blocks.push(
      contextLine(
        "By signing up you committed to attend all sessions. If you can no longer take part, withdraw so that someone else can have your place.",
      ),
    );
    blocks.push(actions("signup_confirmation_actions", withdrawButton(group.id, group.name)));
  }
  return { text, blocks };
}

/** To the person first in line when a seat opens. */
export function promotionMessage(input: { group: GroupLine; sessions: readonly SessionLine[]; zone: string }): Message {
  const { group, sessions, zone } = input;
  return {
    text: `A seat opened in ${escapeMrkdwn(group.name)}: you're in!${sessionsFallback(sessions, zone)}`,
    blocks: [
      mrkdwnSection(
        `:tada: A seat opened in *${escapeMrkdwn(group.name)}* (${escapeMrkdwn(group.programmeName)}) and it is yours: you're in!${channelText(group)}`,
      ),
      mrkdwnSection(sessionsText(sessions, zone)),
      actions("signup_promotion_actions", withdrawButton(group.id, group.name)),
    ],
  };
}

export interface JoinedPerson {
  slackUserId: string;
  status: "ACTIVE" | "WAITLISTED";
  /** Moved up from the waitlist rather than newly signed up. */
  promoted?: boolean;
}

/** To each facilitator: who joined their group, and how full it is. */
export function facilitatorNoticeMessage(input: {
  groupName: string;
  joined: readonly JoinedPerson[];
  signedUpBy: string | null;
  seats: { capacity: number | null; active: number; waiting: number };
}): Message {
  const { groupName, joined, signedUpBy, seats } = input;
  const line = (p: JoinedPerson) =>
    `• <@${p.slackUserId}> ${p.promoted ? "moved up from the waitlist" : p.status === "ACTIVE" ? "joined" : "joined the waitlist"}`;
  const fill = seats.capacity === null ? `${seats.active} members` : `${seats.active} of ${seats.capacity} seats taken`;
  const waiting = seats.waiting ? `, ${seats.waiting} on the waitlist` : "";
  return {
    text: `${joined.length === 1 ? "1 person" : `${joined.length} people`} joined ${escapeMrkdwn(groupName)}.`,
    blocks: [
      mrkdwnSection(
        `:wave: New in *${escapeMrkdwn(groupName)}*${signedUpBy ? `, signed up by <@${signedUpBy}>` : ""}:\n${joined.map(line).join("\n")}`,
      ),
      contextLine(`${fill}${waiting}. You are receiving this as a facilitator of the group.`),
    ],
  };
}

const leaveChannelButton = (groupId: string): Button => ({
  type: "button",
  action_id: ACTIONS.leaveGroupChannel,
  value: groupId,
  text: plain("Leave the channel too", 75),
  confirm: {
    title: plain("Leave the channel?", 100),
    text: plain("Convene takes you out of the group's channel. You can sign up again later and be invited back.", 300),
    confirm: plain("Leave", 30),
    deny: plain("Stay in it", 30),
  },
});

/** To the person who withdrew: with an offer to leave the group's channel, which withdrawing does not do. */
export function withdrawalMessage(input: { group: GroupLine; wasWaitlisted: boolean; canRejoin: boolean; leftChannel?: boolean }): Message {
  const { group, wasWaitlisted, canRejoin, leftChannel } = input;
  const what = wasWaitlisted ? "You left the waitlist for" : "You withdrew from";
  const channel = !wasWaitlisted && group.channelId ? group.channelId : null;
  const channelLine = channel ? (leftChannel ? ` You left <#${channel}>.` : ` You are still in <#${channel}>.`) : "";
  const buttons = [...(canRejoin ? [joinButton(group.id)] : []), ...(channel && !leftChannel ? [leaveChannelButton(group.id)] : [])];
  return {
    text: `${what} ${escapeMrkdwn(group.name)}.`,
    blocks: [
      mrkdwnSection(
        `:wave: ${what} *${escapeMrkdwn(group.name)}* (${escapeMrkdwn(group.programmeName)}). Thanks for letting us know.${channelLine}`,
      ),
      ...(buttons.length ? [actions("signup_withdrawal_actions", ...buttons)] : []),
    ],
  };
}

/** To each facilitator: who withdrew (or left the waitlist), and how full the group is now. */
export function facilitatorWithdrawalMessage(input: {
  groupName: string;
  slackUserId: string;
  wasWaitlisted: boolean;
  seats: { capacity: number | null; active: number; waiting: number };
}): Message {
  const { groupName, slackUserId, wasWaitlisted, seats } = input;
  const what = wasWaitlisted ? "left the waitlist for" : "withdrew from";
  const fill = seats.capacity === null ? `${seats.active} members` : `${seats.active} of ${seats.capacity} seats taken`;
  const waiting = seats.waiting ? `, ${seats.waiting} on the waitlist` : "";
  return {
    text: `Someone ${what} ${escapeMrkdwn(groupName)}.`,
    blocks: [
      mrkdwnSection(`:wave: <@${slackUserId}> ${what} *${escapeMrkdwn(groupName)}*.`),
      contextLine(`${fill}${waiting}. You are receiving this as a facilitator of the group.`),
    ],
  };
}
