import type { WebClient } from "@slack/web-api";
import { organizationIdOfDomain, organizationIdOfSlackTeam, organizationTies } from "../db/organization-repository";
import { findPerson, saveProfile, setOrganization } from "../db/person-repository";
import { type Action, decideRole, mayAct, type Role, type RoleFacts } from "../domain/eligibility";
import { fieldErrors, UserError } from "../errors";
import type { Person } from "../db/person-repository";
import type { Services } from "./context";

export type { Role } from "../domain/eligibility";

/** How long a person's Slack profile (name, zone, email, deactivation) is trusted before users.info is asked again. */
const PROFILE_TTL_MS = 24 * 60 * 60 * 1000;

/** Staff are the people named in CONVENE_ADMINS, and those granted staff in Slack since; never a deactivated account. */
export async function isStaff({ db, config }: Pick<Services, "db" | "config">, slackUserId: string): Promise<boolean> {
  const person = await findPerson(db, slackUserId);
  if (person?.deactivatedAt) return false;
  return config.CONVENE_ADMINS.includes(slackUserId) || (person?.isStaff ?? false);
}

/** How long `/convene help` trusts a staff lookup: what it lists grants nothing, each command checks again. */
const LISTING_TTL_MS = 30_000;
const LISTING_KEPT = 10_000;
const listed = new WeakMap<object, Map<string, { staff: boolean; until: number; refreshing?: boolean }>>();

/**
 * isStaff for deciding which commands `/convene help` lists, remembered per database, so a
 * channel's worth of people typing it at once costs a query each only the first time. A lookup
 * older than LISTING_TTL_MS is still answered as remembered, and looked up again through `later`
 * (after the acks of a crowd): when it ran out in the middle of a crowd, 50 people typing help
 * at once paid 50 queries in one burst (53 ms on the bench's machine).
 */
export async function isStaffForListing(
  services: Pick<Services, "db" | "config">,
  slackUserId: string,
  later: (job: () => Promise<void>) => unknown,
): Promise<boolean> {
  let seen = listed.get(services.db);
  if (!seen) listed.set(services.db, (seen = new Map()));
  const remember = (staff: boolean) => {
    if (seen.size >= LISTING_KEPT) seen.clear();
    seen.set(slackUserId, { staff, until: Date.now() + LISTING_TTL_MS });
  };
  const hit = seen.get(slackUserId);
  if (!hit) {
    const staff = await isStaff(services, slackUserId);
    remember(staff);
    return staff;
  }
  if (hit.until <= Date.now() && !hit.refreshing) {
    hit.refreshing = true;
    later(() =>
      isStaff(services, slackUserId).then(remember, () => {
        hit.refreshing = false;
      }),
    );
  }
  return hit.staff;
}

/**
 * The Person for a Slack user: the one way people are looked up. The profile is read from
 * users.info when the person is new, was made from partial data (no profileReadAt: an imported
 * facilitator, a first RSVP click), or was read over a day ago. The organization follows the
 * email's domain, else (Slack Connect, often with no email) the Slack team staff mapped to it; a
 * person staff confirmed into an organization keeps it. `fresh` asks Slack now
 * (Slack said the account changed).
 */
export async function ensurePerson(
  services: Pick<Services, "db" | "now">,
  client: WebClient,
  slackUserId: string,
  opts: { fresh?: boolean } = {},
): Promise<Person> {
  const { db, now } = services;
  const existing = await findPerson(db, slackUserId);
  if (!opts.fresh && existing?.profileReadAt && now().getTime() - existing.profileReadAt.getTime() < PROFILE_TTL_MS) {
    // An organization imported since the profile was read counts at once, not a day later.
    if (existing.organizationId || (!existing.email && !existing.slackTeamId)) return existing;
    const org = await organizationOf(db, existing.email, existing.slackTeamId);
    return org ? setOrganization(db, existing.id, org) : existing;
  }

  let user;
  try {
    ({ user } = await client.users.info({ user: slackUserId }));
  } catch (err) {
    // An id from a programme file that Slack does not know: keep what the file said.
    if (existing && (err as { data?: { error?: string } }).data?.error === "user_not_found") return existing;
    throw err;
  }
  const email = user?.profile?.email?.toLowerCase() ?? null;
  const slackTeamId = user?.team_id ?? null;
  const confirmed = existing?.memberOverride && existing.organizationId ? existing.organizationId : null;
  return saveProfile(
    db,
    slackUserId,
    {
      name: user?.real_name || user?.profile?.display_name || user?.name || existing?.name || slackUserId,
      email,
      slackTeamId,
      timezone: user?.tz ?? null,
      organizationId: confirmed ?? (await organizationOf(db, email, slackTeamId)) ?? existing?.organizationId ?? null,
      // Kept from the first time Slack said so, and cleared when the account is reactivated.
      deactivatedAt: user?.deleted ? (existing?.deactivatedAt ?? now()) : null,
    },
    now(),
  );
}

/** The organization of an email's domain, else of the Slack team staff mapped (a Slack Connect guest's own workspace). */
async function organizationOf(db: Services["db"], email: string | null, slackTeamId: string | null): Promise<string | null> {
  const domain = email?.split("@")[1];
  const byDomain = domain ? await organizationIdOfDomain(db, domain) : null;
  return byDomain ?? (slackTeamId ? organizationIdOfSlackTeam(db, slackTeamId) : null);
}

/** The facts that decide a person's role (src/domain/eligibility.ts). */
export async function roleFactsOf(services: Pick<Services, "db" | "config">, person: Person): Promise<RoleFacts> {
  const org = person.organizationId
    ? await organizationTies(services.db, person.organizationId, {
        domain: person.email?.split("@")[1] ?? null,
        slackTeamId: person.slackTeamId,
      })
    : null;
  return {
    deactivated: person.deactivatedAt !== null,
    staff: services.config.CONVENE_ADMINS.includes(person.slackUserId) ? "setting" : person.isStaff ? "granted" : null,
    confirmed: person.memberOverride,
    organization: org && { name: org.name, status: org.memberStatus },
    emailDomain: person.email?.split("@")[1] ?? null,
    // Named only when the team, not the email's domain, is what ties them to the organization.
    slackTeam: org && !org.byDomain ? org.bySlackTeam : null,
  };
}

/**
 * Staff; members (people of a member organization, or confirmed by staff); partners (people of a
 * partner organization); everyone else, and anyone whose Slack account is deactivated, is a guest.
 */
export async function roleOf(services: Pick<Services, "db" | "config">, person: Person): Promise<Role> {
  return decideRole(await roleFactsOf(services, person)).role;
}

/** Refuses, as an error on the form's `field`, anyone Slack reports deactivated: they cannot take a seat or a role. */
export function refuseDeactivated(people: readonly Person[], field: string): void {
  const gone = people.filter((p) => p.deactivatedAt);
  if (gone.length === 0) return;
  const names = gone.map((p) => p.name).join(", ");
  throw fieldErrors({
    [field]: `${names} ${gone.length === 1 ? "has a deactivated Slack account" : "have deactivated Slack accounts"}, so Convene cannot add them. Pick someone else.`,
  });
}

/**
 * The person, when their role allows `action` (src/domain/eligibility.ts); otherwise the refusal
 * they read, e.g. "Member-hosted events are for people from the coalition's member and partner
 * organizations…".
 */
export async function requireRole(
  services: Pick<Services, "db" | "now" | "config">,
  client: WebClient,
  slackUserId: string,
  action: Action,
  what: string,
): Promise<Person> {
  const person = await ensurePerson(services, client, slackUserId);
  if (!mayAct(await roleOf(services, person), action)) {
    throw new UserError(
      `${what} are for people from the coalition's member and partner organizations, and Convene could not match your email to one. Ask coalition staff if that is a mistake.`,
      "forbidden",
    );
  }
  return person;
}
