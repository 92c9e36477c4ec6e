import type { Services } from "./context";

/** Staff are the people named in CONVENE_ADMINS, and those granted staff in Slack since. */
export async function isStaff({ db, config }: Pick<Services, "db" | "config">, slackUserId: string): Promise<boolean> {
  if (config.CONVENE_ADMINS.includes(slackUserId)) return true;
  const person = await db.person.findUnique({ where: { slackUserId }, select: { isStaff: true } });
  return person?.isStaff ?? false;
}
