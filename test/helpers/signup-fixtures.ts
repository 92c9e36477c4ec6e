import { randomUUID } from "node:crypto";
import type { Db } from "../../src/db/client";

const DAY = 24 * 60 * 60 * 1000;

export interface Coalition {
  programmeId: string;
  /** Member organizations, a partner (not a member), and their domains. */
  orgs: { prospect: string; cli: string; edgility: string };
  groups: { justice: string; small: string; closed: string; trauma: string };
}

/**
 * A coalition as the 2021-2022 programme file describes it, with its sign-up window around `now`:
 * two member organizations and a partner, an open group of 20, an open group of 1, a closed one.
 */
export async function seedCoalition(db: Db, now: Date, window: { opensAt?: Date | null; closesAt?: Date | null } = {}): Promise<Coalition> {
  const org = (name: string, domain: string, memberStatus: "MEMBER" | "PARTNER" = "MEMBER") =>
    db.organization.create({
      data: { name, nameKey: name.toLowerCase(), memberStatus, domains: { create: [{ domain }] } },
      select: { id: true },
    });
  const prospect = await org("Prospect Schools", "prospectschools.org");
  const cli = await org("City Language Immersion Charter", "clicharter.org");
  const edgility = await org("Edgility Consulting", "edgilityconsulting.com", "PARTNER");
  const programme = await db.programme.create({
    data: {
      slug: `cop-${randomUUID().slice(0, 6)}`,
      name: "Communities of Practice 2021-2022",
      kind: "COP_COHORT",
      timezone: "America/New_York",
      signupOpensAt: window.opensAt === undefined ? new Date(now.getTime() - 30 * DAY) : window.opensAt,
      signupClosesAt: window.closesAt === undefined ? new Date(now.getTime() + 30 * DAY) : window.closesAt,
      calendarToken: randomUUID(),
    },
    select: { id: true },
  });
  const group = (slug: string, name: string, capacity: number | null, status: "OPEN" | "CLOSED" = "OPEN") =>
    db.group.create({
      data: {
        programmeId: programme.id,
        slug,
        name,
        nameKey: name.toLowerCase(),
        kind: "COP",
        status,
        capacity,
        topics: [],
        calendarToken: randomUUID(),
        description: `All about ${name}.`,
      },
      select: { id: true },
    });
  const justice = await group("got-justice", "Got Justice? Creating and Sustaining Equitable School Culture", 20);
  const small = await group("disrupt-bias", "Disrupt Bias in Educator Talent Decisions", 1);
  const closed = await group("roots-connected", "Roots ConnectED Follow-up Coaching", null, "CLOSED");
  const trauma = await group("trauma-informed", "Trauma-Informed Practices to Support ALL Students", 20);
  for (const [g, days] of [
    [justice.id, 10],
    [justice.id, 40],
    [small.id, 12],
  ] as const) {
    const startsAt = new Date(now.getTime() + days * DAY);
    await db.session.create({
      data: {
        programmeId: programme.id,
        groupId: g,
        key: `${g}-${days}`,
        title: "Virtual Group Session",
        format: "VIRTUAL",
        localStart: startsAt.toISOString().slice(0, 16),
        timezone: "America/New_York",
        durationMinutes: 60,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 60 * 60 * 1000),
      },
    });
  }
  return {
    programmeId: programme.id,
    orgs: { prospect: prospect.id, cli: cli.id, edgility: edgility.id },
    groups: { justice: justice.id, small: small.id, closed: closed.id, trauma: trauma.id },
  };
}

/** A person Convene already knows (as users.info would have made them), e.g. a facilitator. */
export async function addPerson(
  db: Db,
  input: {
    slackUserId: string;
    name: string;
    organizationId?: string | null;
    email?: string;
    isStaff?: boolean;
    memberOverride?: boolean;
    timezone?: string;
  },
) {
  return db.person.create({
    data: {
      slackUserId: input.slackUserId,
      name: input.name,
      email: input.email ?? null,
      organizationId: input.organizationId ?? null,
      isStaff: input.isStaff ?? false,
      memberOverride: input.memberOverride ?? false,
      timezone: input.timezone ?? "America/New_York",
    },
  });
}

export async function addFacilitator(db: Db, groupId: string, person: { id: string; name: string }) {
  return db.facilitator.create({ data: { groupId, personId: person.id, name: person.name, nameKey: person.name.toLowerCase() } });
}
