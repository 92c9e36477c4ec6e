/** A group's rows as its channel and staff's edits need them. Callers own transactions for the writes. */
import type { Db, Tx } from "./client";

type GroupStatus = "OPEN" | "CLOSED" | "ENDED";

export interface ChannelSyncGroup {
  id: string;
  name: string;
  status: GroupStatus;
  description: string;
  /** The channel name asked for (a programme file's `channel: { create }`); null: derived from the name. */
  channelName: string | null;
  channelId: string | null;
  welcomeTs: string | null;
  calendarToken: string;
  programmeName: string;
  capacity: number | null;
  /** What the group's sign-up status is decided from (`domain/group-status`). */
  programme: { status: "ACTIVE" | "ARCHIVED"; timezone: string; signupOpensAt: Date | null; signupClosesAt: Date | null };
  facilitators: { name: string; slackUserId: string | null }[];
  /** Active members' Slack user ids. */
  memberSlackIds: string[];
}

export async function groupForChannelSync(db: Db | Tx, id: string): Promise<ChannelSyncGroup | null> {
  const g = await db.group.findUnique({
    where: { id },
    include: {
      programme: { select: { name: true, status: true, timezone: true, signupOpensAt: true, signupClosesAt: true } },
      facilitators: { select: { name: true, person: { select: { slackUserId: true } } }, orderBy: { name: "asc" } },
      memberships: { where: { status: "ACTIVE" }, select: { person: { select: { slackUserId: true } } } },
    },
  });
  if (!g) return null;
  return {
    id: g.id,
    name: g.name,
    status: g.status,
    description: g.description,
    channelName: g.channelName,
    channelId: g.channelId,
    welcomeTs: g.welcomeTs,
    calendarToken: g.calendarToken,
    programmeName: g.programme.name,
    capacity: g.capacity,
    programme: {
      status: g.programme.status,
      timezone: g.programme.timezone,
      signupOpensAt: g.programme.signupOpensAt,
      signupClosesAt: g.programme.signupClosesAt,
    },
    facilitators: g.facilitators.map((f) => ({ name: f.name, slackUserId: f.person?.slackUserId ?? null })),
    memberSlackIds: g.memberships.map((m) => m.person.slackUserId),
  };
}

/** A programme's group ids by its slug, or null when there is no such programme. */
export async function groupIdsOfProgramme(db: Db | Tx, slug: string): Promise<{ programmeId: string; groupIds: string[] } | null> {
  const programme = await db.programme.findUnique({
    where: { slug },
    select: { id: true, groups: { select: { id: true }, orderBy: { name: "asc" } } },
  });
  return programme && { programmeId: programme.id, groupIds: programme.groups.map((g) => g.id) };
}

/** Records the channel Convene created; false when another sync recorded one first. */
export async function linkChannel(db: Db | Tx, id: string, channelId: string): Promise<boolean> {
  const { count } = await db.group.updateMany({ where: { id, channelId: null }, data: { channelId } });
  return count === 1;
}

/** Whether some group already uses this channel. */
/** Whether a group or a programme's announcements already use this channel. */
export async function isChannelLinked(db: Db | Tx, channelId: string): Promise<boolean> {
  const [groups, programmes] = await Promise.all([
    db.group.count({ where: { channelId } }),
    db.programme.count({ where: { announcementChannelId: channelId } }),
  ]);
  return groups + programmes > 0;
}

export async function recordWelcome(db: Db | Tx, id: string, welcomeTs: string): Promise<void> {
  await db.group.update({ where: { id }, data: { welcomeTs } });
}

// ---------------------------------------------------------------- staff edits

export interface GroupWrite {
  name: string;
  nameKey: string;
  description: string;
  topics: string[];
  capacity: number | null;
  allowsPartners: boolean;
  continuing: boolean;
  status: GroupStatus;
  channelName: string | null;
}

export interface EditableGroup extends GroupWrite {
  id: string;
  programmeId: string;
  slug: string;
  facilitators: { name: string; slackUserId: string | null }[];
}

export async function editableGroup(db: Db | Tx, id: string): Promise<EditableGroup | null> {
  const g = await db.group.findUnique({
    where: { id },
    include: { facilitators: { select: { name: true, person: { select: { slackUserId: true } } }, orderBy: { name: "asc" } } },
  });
  if (!g) return null;
  return {
    id: g.id,
    programmeId: g.programmeId,
    slug: g.slug,
    name: g.name,
    nameKey: g.nameKey,
    description: g.description,
    topics: Array.isArray(g.topics) ? g.topics.map(String) : [],
    capacity: g.capacity,
    allowsPartners: g.allowsPartners,
    continuing: g.continuing,
    status: g.status,
    channelName: g.channelName,
    facilitators: g.facilitators.map((f) => ({ name: f.name, slackUserId: f.person?.slackUserId ?? null })),
  };
}

/** The programme a new group would join, with what decides the group's kind. */
export async function programmeForNewGroup(
  db: Db | Tx,
  id: string,
): Promise<{ id: string; name: string; kind: "COP_COHORT" | "WORKING_GROUPS"; status: "ACTIVE" | "ARCHIVED" } | null> {
  return db.programme.findUnique({ where: { id }, select: { id: true, name: true, kind: true, status: true } });
}

/** The programme's group with this slug or this name (any case), if there is one. */
export async function sameGroup(db: Db | Tx, programmeId: string, group: { slug: string; nameKey: string }): Promise<string | null> {
  const found = await db.group.findFirst({
    where: { programmeId, OR: [{ slug: group.slug }, { nameKey: group.nameKey }] },
    select: { id: true },
  });
  return found?.id ?? null;
}

export async function insertGroup(
  tx: Tx,
  data: GroupWrite & { programmeId: string; slug: string; kind: "COP" | "WORKING_GROUP"; calendarToken: string },
): Promise<string> {
  return (await tx.group.create({ data, select: { id: true } })).id;
}

export async function updateGroup(tx: Tx, id: string, data: GroupWrite): Promise<void> {
  await tx.group.update({ where: { id }, data });
}

/**
 * Makes the group's Slack-linked facilitators exactly `people`. Facilitators known only by name
 * (from a programme file) stay; one whose name matches a chosen person becomes linked to them.
 */
export async function setSlackFacilitators(tx: Tx, groupId: string, people: readonly { personId: string; name: string }[]): Promise<void> {
  const chosen = new Set(people.map((p) => p.personId));
  await tx.facilitator.deleteMany({ where: { groupId, personId: { not: null, notIn: [...chosen] } } });
  for (const p of people) {
    const nameKey = p.name.toLowerCase();
    const linked = await tx.facilitator.findFirst({ where: { groupId, personId: p.personId }, select: { id: true } });
    if (linked) continue;
    await tx.facilitator.upsert({
      where: { groupId_nameKey: { groupId, nameKey } },
      create: { groupId, name: p.name, nameKey, personId: p.personId },
      update: { personId: p.personId },
    });
  }
}

/** A group's Slack channel, if it has one yet. */
export async function groupChannel(db: Db, groupId: string): Promise<string | null> {
  const group = await db.group.findUnique({ where: { id: groupId }, select: { channelId: true } });
  return group?.channelId ?? null;
}

/** Whether someone belongs in a group's channel: seated in the group, or facilitating it. */
export async function keepsGroupChannel(db: Db, groupId: string, slackUserId: string): Promise<boolean> {
  const [seated, facilitating] = await Promise.all([
    db.membership.count({ where: { groupId, status: "ACTIVE", person: { slackUserId } } }),
    db.facilitator.count({ where: { groupId, person: { slackUserId } } }),
  ]);
  return seated + facilitating > 0;
}

export async function groupName(db: Db | Tx, id: string): Promise<{ id: string; name: string } | null> {
  return db.group.findUnique({ where: { id }, select: { id: true, name: true } });
}
