/** A programme's announcements channel, as the channel sync needs it. */
import type { Db, Tx } from "./client";

export interface AnnouncementSync {
  programmeId: string;
  programmeName: string;
  slug: string;
  archived: boolean;
  /** The channel name asked for (`announcements: { create }`); null when linked or not set. */
  channelName: string | null;
  channelId: string | null;
  welcomeTs: string | null;
  calendarToken: string;
}

export async function announcementForSync(db: Db | Tx, programmeId: string): Promise<AnnouncementSync | null> {
  const p = await db.programme.findUnique({ where: { id: programmeId } });
  if (!p) return null;
  return {
    programmeId: p.id,
    programmeName: p.name,
    slug: p.slug,
    archived: p.status === "ARCHIVED",
    channelName: p.announcementChannelName,
    channelId: p.announcementChannelId,
    welcomeTs: p.announcementWelcomeTs,
    calendarToken: p.calendarToken,
  };
}

/** Links a channel the sync created; false when one was linked meanwhile. */
export async function linkAnnouncementChannel(db: Db | Tx, programmeId: string, channelId: string): Promise<boolean> {
  const { count } = await db.programme.updateMany({
    where: { id: programmeId, announcementChannelId: null },
    data: { announcementChannelId: channelId },
  });
  return count === 1;
}

export async function recordAnnouncementWelcome(db: Db | Tx, programmeId: string, welcomeTs: string): Promise<void> {
  await db.programme.update({ where: { id: programmeId }, data: { announcementWelcomeTs: welcomeTs } });
}

/** Staff's choice in Slack: a channel to link, or a name to create. A different channel owes its own welcome. */
export async function setAnnouncementChannel(tx: Tx, programmeId: string, wish: { link: string } | { create: string }): Promise<void> {
  const current = await tx.programme.findUniqueOrThrow({ where: { id: programmeId }, select: { announcementChannelId: true } });
  if ("link" in wish) {
    if (current.announcementChannelId === wish.link) return;
    await tx.programme.update({
      where: { id: programmeId },
      data: { announcementChannelId: wish.link, announcementChannelName: null, announcementWelcomeTs: null },
    });
  } else {
    await tx.programme.update({
      where: { id: programmeId },
      data: { announcementChannelName: wish.create, announcementChannelId: null, announcementWelcomeTs: null },
    });
  }
}

/** Where each active programme's announcements go, for people told to look there. */
export async function announcementChannels(db: Db | Tx): Promise<{ programmeName: string; channelId: string }[]> {
  const rows = await db.programme.findMany({
    where: { status: "ACTIVE", announcementChannelId: { not: null } },
    select: { name: true, announcementChannelId: true },
    orderBy: { name: "asc" },
  });
  return rows.map((p) => ({ programmeName: p.name, channelId: p.announcementChannelId! }));
}

/** A programme's name and announcements channel, as the programme settings form shows them. */
export async function programmeAnnouncements(
  db: Db | Tx,
  slug: string,
): Promise<{ slug: string; name: string; announcementChannelId: string | null; announcementChannelName: string | null } | null> {
  return db.programme.findUnique({
    where: { slug },
    select: { slug: true, name: true, announcementChannelId: true, announcementChannelName: true },
  });
}
