import type { WebClient } from "@slack/web-api";
import { upsertRacing } from "../db/upsert";
import type { Person } from "../generated/sqlite/client";
import type { Services } from "./context";

export type Role = "staff" | "member" | "guest";

/** How long a person's Slack profile (name, zone, email) is trusted before users.info is asked again. */
const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;

/** Staff are the people named in CONVENE_ADMINS, and those granted staff in Slack since. */
export async function isStaff({ db, config }: Pick<Services, "db" | "config">, slackUserId: string): Promise<boolean> {
  if (config.CONVENE_ADMINS.includes(slackUserId)) return true;
  const person = await db.person.findUnique({ where: { slackUserId }, select: { isStaff: true } });
  return person?.isStaff ?? false;
}

/**
 * The Person for a Slack user, created or refreshed from users.info when missing or stale. The
 * organization follows the email's domain; nothing is changed for a person staff vouched for.
 */
export async function ensurePerson(services: Pick<Services, "db" | "now">, client: WebClient, slackUserId: string): Promise<Person> {
  const { db, now } = services;
  const existing = await db.person.findUnique({ where: { slackUserId } });
  if (existing && now().getTime() - existing.updatedAt.getTime() < PROFILE_TTL_MS) {
    // An organization imported since the profile was read counts at once, not a day later.
    if (existing.organizationId || !existing.email) return existing;
    const org = await organizationOf(db, existing.email);
    return org ? db.person.update({ where: { id: existing.id }, data: { organizationId: org } }) : existing;
  }

  const { user } = await client.users.info({ user: slackUserId });
  const email = user?.profile?.email?.toLowerCase() ?? null;
  const profile = {
    name: user?.real_name || user?.profile?.display_name || user?.name || slackUserId,
    email,
    timezone: user?.tz ?? null,
    organizationId: (email && (await organizationOf(db, email))) ?? existing?.organizationId ?? null,
  };
  return upsertRacing(() =>
    db.person.upsert({
      where: { slackUserId },
      create: { slackUserId, ...profile },
      update: { ...profile, updatedAt: now() },
    }),
  );
}

async function organizationOf(db: Services["db"], email: string): Promise<string | null> {
  const domain = email.split("@")[1];
  return domain ? ((await db.organizationDomain.findUnique({ where: { domain } }))?.organizationId ?? null) : null;
}

/** Staff; members (people of a member organization, or vouched for by staff); everyone else is a guest. */
export async function roleOf(services: Pick<Services, "db" | "config">, person: Person): Promise<Role> {
  if (person.isStaff || services.config.CONVENE_ADMINS.includes(person.slackUserId)) return "staff";
  if (person.memberOverride) return "member";
  if (!person.organizationId) return "guest";
  const org = await services.db.organization.findUnique({ where: { id: person.organizationId }, select: { memberStatus: true } });
  return org?.memberStatus === "MEMBER" ? "member" : "guest";
}
