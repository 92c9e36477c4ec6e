/**
 * A group's Slack channel, kept in step with the group: created (another name when one is taken)
 * or linked, topic and purpose set, facilitators and members invited, a welcome pinned once,
 * renamed when the group is, archived when it ends. A programme's announcements channel is kept
 * the same way (nobody is invited: people join it as they would #general). Safe to run again and
 * again: it only changes what differs. A channel Convene cannot reach is reported in the result,
 * not thrown.
 */
import { ErrorCode, type WebClient } from "@slack/web-api";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { announcementForSync, linkAnnouncementChannel, recordAnnouncementWelcome } from "../db/announcement-repository";
import {
  type ChannelSyncGroup,
  groupForChannelSync,
  groupIdsOfProgramme,
  isChannelLinked,
  linkChannel,
  recordWelcome,
} from "../db/group-repository";
import { channelNameCandidate, channelNameFor, isCandidateOf } from "../domain/channel-name";
import { groupSignupStatus } from "../domain/group-status";
import { notFound } from "../errors";
import { announcementsPurpose, announcementsTopic, announcementsWelcome } from "../views/announcements-channel";
import { channelPurpose, channelTopic, welcomeMessage } from "../views/group-channel";
import type { Message } from "../views/message";
import type { Services } from "./context";
import { feedUrl } from "./feed-url";

/** What a sync needs: the CLI passes its own context, the app its Services. */
export type ChannelDeps = Pick<Services, "db" | "logger" | "now"> & { config: Pick<Config, "CONVENE_PUBLIC_URL" | "PORT"> };

export interface ChannelSyncResult {
  /** The group's id, or the programme's for its announcements channel. */
  groupId: string;
  /** What the channel is for, as people read it: the group's name, or "Announcements". */
  groupName: string;
  channelId: string | null;
  channelName: string | null;
  /** What Convene changed in Slack, in order ("created #cop-equity", "invited 3"); empty when all matched. */
  changes: string[];
  /** Things that did not work out but did not stop the rest (e.g. someone who could not be invited). */
  warnings: string[];
  /** Why Convene could not reach the channel (private without Convene, archived, deleted); null when it could. */
  problem: string | null;
}

/** Names tried before giving up on creating or renaming: cop-equity, cop-equity-2, ... cop-equity-20. */
const NAME_ATTEMPTS = 20;
/** conversations.invite takes at most 1000 users per call. */
const INVITE_BATCH = 1000;

interface ChannelState {
  id: string;
  name: string;
  isArchived: boolean;
  isMember: boolean;
  creator: string;
  topic: string;
  purpose: string;
}

/** A reason to stop that the person running the sync can act on. */
class ChannelProblem extends Error {}

const slackError = (err: unknown): string | null =>
  (err as { code?: string })?.code === ErrorCode.PlatformError ? ((err as { data: { error: string } }).data.error ?? null) : null;

// Slack returns topic and purpose with &, < and > escaped.
const unescapeEntities = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

type SlackChannel = {
  id?: string;
  name?: string;
  is_archived?: boolean;
  is_member?: boolean;
  creator?: string;
  topic?: { value?: string };
  purpose?: { value?: string };
};

function stateOf(c: SlackChannel = {}): ChannelState {
  return {
    id: c.id ?? "",
    name: c.name ?? "",
    isArchived: c.is_archived ?? false,
    isMember: c.is_member ?? false,
    creator: c.creator ?? "",
    topic: unescapeEntities(c.topic?.value ?? ""),
    purpose: unescapeEntities(c.purpose?.value ?? ""),
  };
}

function problemText(code: string, channel: Pick<ChannelSyncResult, "channelId" | "channelName">): string {
  const which = channel.channelName ? `#${channel.channelName}` : (channel.channelId ?? "the channel");
  switch (code) {
    case "channel_not_found":
      return `Convene cannot see ${which}: it was deleted, or it is private and Convene is not in it. Add Convene to the channel (or link another one), then sync again.`;
    case "is_archived":
      return `${which} is archived. Unarchive it in Slack (or link another channel), then sync again.`;
    case "not_in_channel":
      return `Convene is not in ${which}. Add Convene to the channel, then sync again.`;
    case "method_not_supported_for_channel_type":
      return `${which} is not a channel Convene can manage (a direct message?). Link a channel instead.`;
    case "missing_scope":
      return "Convene's Slack app lacks a permission it needs here (missing_scope). Reinstall it from manifests/, then sync again.";
    default:
      return `Slack refused to set up ${which} (${code}).`;
  }
}

/** Tries base, base-2, base-3, ... until Slack accepts one. */
async function withFreeName(base: string, attempt: (name: string) => Promise<ChannelState>): Promise<ChannelState> {
  for (let i = 0; i < NAME_ATTEMPTS; i++) {
    try {
      return await attempt(channelNameCandidate(base, i));
    } catch (err) {
      if (slackError(err) !== "name_taken") throw err;
    }
  }
  throw new ChannelProblem(
    `Every channel name from #${base} to #${channelNameCandidate(base, NAME_ATTEMPTS - 1)} is taken. Set another channel name for the group.`,
  );
}

/**
 * A channel by this name that Convene created and no group uses: left behind when Slack created it
 * but the link was never saved (a crash, a failed write). Adopting it keeps the group from getting
 * a "-2" channel beside an empty one of its own.
 */
async function orphanNamed(db: Db, client: WebClient, name: string, botUserId: string): Promise<ChannelState | null> {
  let cursor: string | undefined;
  do {
    const page = await client.conversations.list({
      types: "public_channel",
      exclude_archived: true,
      limit: 1000,
      ...(cursor && { cursor }),
    });
    const found = page.channels?.find((c) => c.name === name);
    if (found) return found.creator === botUserId && found.id && !(await isChannelLinked(db, found.id)) ? stateOf(found) : null;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return null;
}

async function membersOf(client: WebClient, channel: string): Promise<Set<string>> {
  const members = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel, limit: 1000, ...(cursor && { cursor }) });
    for (const m of page.members ?? []) members.add(m);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return members;
}

type InviteRefusal = { user?: string; error?: string };

const refusals = (errors: readonly InviteRefusal[]) =>
  errors.filter((e) => e.error !== "already_in_channel").map((e) => `${e.user} (${e.error})`);

/** Invites whoever should be in the channel and is not; returns how many were added and who could not be. */
async function invite(client: WebClient, channel: string, wanted: readonly string[]): Promise<{ invited: number; failed: string[] }> {
  const present = await membersOf(client, channel);
  const missing = [...new Set(wanted)].filter((u) => !present.has(u));
  let invited = 0;
  const failed: string[] = [];
  for (let i = 0; i < missing.length; i += INVITE_BATCH) {
    const batch = missing.slice(i, i + INVITE_BATCH);
    try {
      // force: one person who cannot be invited must not keep the others out.
      const res = await client.conversations.invite({ channel, users: batch.join(","), force: true });
      const errors = (res.errors ?? []) as InviteRefusal[];
      invited += batch.length - errors.length;
      failed.push(...refusals(errors));
    } catch (err) {
      // With force, Slack fails the call only when nobody in it could be added, and says why per person.
      const errors = (err as { data?: { errors?: InviteRefusal[] } }).data?.errors;
      if (slackError(err) === null || (!errors && slackError(err) !== "already_in_channel")) throw err;
      failed.push(...refusals(errors ?? []));
    }
  }
  return { invited, failed };
}

/** What a channel is kept in step with: a group, or a programme's announcements. */
interface ChannelSubject {
  channelId: string | null;
  wantedName: string;
  /** An ended group or an archived programme: no new channel, and one Convene created is archived. */
  ended: boolean;
  welcomeTs: string | null;
  topic: string;
  purpose: string;
  welcome: () => Message;
  invitees: readonly string[];
  link(channelId: string): Promise<boolean>;
  /** The subject as stored now, after another sync linked a channel first. */
  reload(): Promise<ChannelSubject | null>;
  recordWelcome(ts: string): Promise<void>;
}

function groupSubject(deps: ChannelDeps, group: ChannelSyncGroup): ChannelSubject {
  const { programme } = group;
  const signup = groupSignupStatus(
    {
      ...programme,
      status: group.status,
      programmeActive: programme.status === "ACTIVE",
      capacity: group.capacity,
      memberCount: group.memberSlackIds.length,
    },
    deps.now(),
  );
  const texts = { ...group, signup, programmeTimezone: programme.timezone, feedUrl: feedUrl(deps.config, group.calendarToken) };
  const facilitatorIds = group.facilitators.flatMap((f) => (f.slackUserId ? [f.slackUserId] : []));
  return {
    channelId: group.channelId,
    wantedName: group.channelName ?? channelNameFor(group.name),
    ended: group.status === "ENDED",
    welcomeTs: group.welcomeTs,
    topic: channelTopic(texts),
    purpose: channelPurpose(texts),
    welcome: () => welcomeMessage(texts),
    invitees: [...facilitatorIds, ...group.memberSlackIds],
    link: (channelId) => linkChannel(deps.db, group.id, channelId),
    reload: async () => {
      const current = await groupForChannelSync(deps.db, group.id);
      return current && groupSubject(deps, current);
    },
    recordWelcome: (ts) => recordWelcome(deps.db, group.id, ts),
  };
}

async function sync(deps: ChannelDeps, client: WebClient, subject: ChannelSubject, result: ChannelSyncResult): Promise<void> {
  const { db } = deps;
  const botUserId = (await client.auth.test()).user_id ?? "";
  const { wantedName } = subject;
  let channel: ChannelState;
  if (subject.channelId) {
    channel = stateOf((await client.conversations.info({ channel: subject.channelId })).channel);
  } else {
    if (subject.ended) return; // an ended group gets no new channel
    let adopted = false;
    channel = await withFreeName(wantedName, async (name) => {
      try {
        return stateOf((await client.conversations.create({ name })).channel);
      } catch (err) {
        const orphan = slackError(err) === "name_taken" ? await orphanNamed(db, client, name, botUserId) : null;
        if (!orphan) throw err;
        adopted = true;
        return orphan;
      }
    });
    if (!(await subject.link(channel.id))) {
      // Another sync linked a channel meanwhile: drop this one and carry on with theirs.
      await client.conversations.archive({ channel: channel.id });
      const current = await subject.reload();
      return sync(deps, client, current!, result);
    }
    result.changes.push(adopted ? `linked #${channel.name}, which Convene created before` : `created #${channel.name}`);
  }
  result.channelId = channel.id;
  result.channelName = channel.name;
  // Convene renames and archives only channels it created; a linked channel stays its owners'.
  const ours = channel.creator === botUserId;

  if (channel.isArchived) {
    if (!subject.ended) throw new ChannelProblem(problemText("is_archived", result));
    return;
  }
  if (subject.ended) {
    if (ours) {
      await client.conversations.archive({ channel: channel.id });
      result.changes.push("archived (the group has ended)");
    }
    return;
  }
  if (!channel.isMember) {
    await client.conversations.join({ channel: channel.id });
    result.changes.push("joined");
  }
  if (ours && !isCandidateOf(channel.name, wantedName)) {
    const renamed = await withFreeName(wantedName, async (name) =>
      stateOf((await client.conversations.rename({ channel: channel.id, name })).channel),
    );
    result.channelName = renamed.name;
    result.changes.push(`renamed to #${renamed.name}`);
  }
  if (channel.topic !== subject.topic) {
    await client.conversations.setTopic({ channel: channel.id, topic: subject.topic });
    result.changes.push("topic set");
  }
  if (channel.purpose !== subject.purpose) {
    await client.conversations.setPurpose({ channel: channel.id, purpose: subject.purpose });
    result.changes.push("purpose set");
  }
  if (subject.invitees.length) {
    const { invited, failed } = await invite(
      client,
      channel.id,
      subject.invitees.filter((u) => u !== botUserId),
    );
    if (invited) result.changes.push(`invited ${invited}`);
    if (failed.length) result.warnings.push(`could not invite ${failed.join(", ")}`);
  }
  if (subject.welcomeTs) {
    // The welcome shows the group's sign-up status: each sync redraws it as it is now.
    const welcome = subject.welcome();
    try {
      await client.chat.update({ channel: channel.id, ts: subject.welcomeTs, text: welcome.text, blocks: welcome.blocks });
    } catch (err) {
      if (slackError(err) === null) throw err;
      deps.logger.warn({ channelId: channel.id, error: slackError(err) }, "could not refresh a channel's welcome");
    }
  } else {
    const welcome = subject.welcome();
    const posted = await client.chat.postMessage({ channel: channel.id, text: welcome.text, blocks: welcome.blocks, unfurl_links: false });
    // Recorded before pinning: a failed pin must not bring a second welcome next time.
    await subject.recordWelcome(posted.ts!);
    try {
      await client.pins.add({ channel: channel.id, timestamp: posted.ts! });
    } catch (err) {
      if (slackError(err) !== "already_pinned") throw err;
    }
    result.changes.push("welcome posted and pinned");
  }
}

async function syncSubject(
  deps: ChannelDeps,
  client: WebClient,
  subject: ChannelSubject,
  result: ChannelSyncResult,
): Promise<ChannelSyncResult> {
  try {
    await sync(deps, client, subject, result);
  } catch (err) {
    const code = slackError(err);
    if (!(err instanceof ChannelProblem) && code === null) throw err;
    result.problem = err instanceof ChannelProblem ? err.message : problemText(code!, result);
    deps.logger.warn({ id: result.groupId, channelId: result.channelId, problem: result.problem }, "a channel could not be synced");
  }
  return result;
}

const emptyResult = (id: string, name: string, channelId: string | null): ChannelSyncResult => ({
  groupId: id,
  groupName: name,
  channelId,
  channelName: null,
  changes: [],
  warnings: [],
  problem: null,
});

/** Brings one group's channel in line with the group. Throws only for a group that does not exist or a database failure. */
export async function syncGroupChannel(deps: ChannelDeps, client: WebClient, groupId: string): Promise<ChannelSyncResult> {
  const group = await groupForChannelSync(deps.db, groupId);
  if (!group) throw notFound("That group no longer exists.");
  return syncSubject(deps, client, groupSubject(deps, group), emptyResult(groupId, group.name, group.channelId));
}

/** The label a programme's announcements channel goes by in sync outcomes. */
export const ANNOUNCEMENTS_LABEL = "Announcements";

/**
 * Brings a programme's announcements channel in line: created or linked, joined, topic and
 * purpose set, a welcome pinned once. Null when the programme asks for none.
 */
export async function syncAnnouncementChannel(
  deps: ChannelDeps,
  client: WebClient,
  programmeId: string,
): Promise<ChannelSyncResult | null> {
  const load = async (): Promise<ChannelSubject | null> => {
    const p = await announcementForSync(deps.db, programmeId);
    if (!p || (!p.channelId && !p.channelName)) return null;
    const texts = { programmeName: p.programmeName, feedUrl: feedUrl(deps.config, p.calendarToken) };
    return {
      channelId: p.channelId,
      wantedName: p.channelName ?? channelNameFor(`${p.slug}-announcements`),
      ended: p.archived,
      welcomeTs: p.welcomeTs,
      topic: announcementsTopic(texts),
      purpose: announcementsPurpose(texts),
      welcome: () => announcementsWelcome(texts),
      invitees: [],
      link: (channelId) => linkAnnouncementChannel(deps.db, programmeId, channelId),
      reload: load,
      recordWelcome: (ts) => recordAnnouncementWelcome(deps.db, programmeId, ts),
    };
  };
  const subject = await load();
  return subject && syncSubject(deps, client, subject, emptyResult(programmeId, ANNOUNCEMENTS_LABEL, subject.channelId));
}

/** The announcements channel, then every group of a programme, one after another (Slack's rate limits favour a steady pace). */
export async function syncProgrammeChannels(deps: ChannelDeps, client: WebClient, programmeSlug: string): Promise<ChannelSyncResult[]> {
  const found = await groupIdsOfProgramme(deps.db, programmeSlug);
  if (!found) throw notFound(`There is no programme "${programmeSlug}".`);
  const results: ChannelSyncResult[] = [];
  const announcements = await syncAnnouncementChannel(deps, client, found.programmeId);
  if (announcements) results.push(announcements);
  for (const id of found.groupIds) results.push(await syncGroupChannel(deps, client, id));
  return results;
}
