/** Staff set a programme's announcements channel from Slack, as the programme file's `announcements:` does. */
import { programmeBySlug } from "../db/programme-repository";
import type { WebClient } from "@slack/web-api";
import { programmeAnnouncements, setAnnouncementChannel } from "../db/announcement-repository";
import { writeAudit } from "../db/audit-repository";
import { notFound } from "../errors";
import { type ChannelSyncResult, syncAnnouncementChannel } from "./channel-service";
import type { Services } from "./context";
import { requireStaff } from "./staff-service";

/** Links an existing channel or names one to create, then creates or links it in Slack, joins it and pins the welcome. */
export async function changeAnnouncementChannel(
  services: Services,
  client: WebClient,
  actor: string,
  input: { programmeSlug: string; wish: { link: string } | { create: string } },
): Promise<{ programmeName: string; result: ChannelSyncResult }> {
  await requireStaff(services, actor, "set the announcements channel");
  const programme = await programmeBySlug(services.db, input.programmeSlug);
  if (!programme) throw notFound(`There is no programme "${input.programmeSlug}". \`/convene admin programmes\` lists them.`);
  await services.db.$transaction(async (tx) => {
    await setAnnouncementChannel(tx, programme.id, input.wish);
    await writeAudit(tx, {
      actor,
      action: "programme.announcements",
      entityType: "Programme",
      entityId: programme.id,
      detail: input.wish,
      at: services.now(),
    });
  });
  const result = (await syncAnnouncementChannel(services, client, programme.id))!;
  return { programmeName: programme.name, result };
}

/** What the programme settings form shows: the programme and its announcements channel now. */
export async function programmeSettings(services: Services, actor: string, slug: string) {
  await requireStaff(services, actor, "change a programme's settings");
  const p = await programmeAnnouncements(services.db, slug);
  if (!p) throw notFound(`There is no programme "${slug}". \`/convene admin programmes\` lists them.`);
  return p;
}
