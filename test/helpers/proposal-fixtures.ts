import { randomUUID } from "node:crypto";
import pino from "pino";
import { configSchema } from "../../src/config";
import type { Db } from "../../src/db/client";
import type { Services } from "../../src/services/context";
import type { ProposalFields } from "../../src/views/proposal-modal";

/** Rows and inputs for proposal tests. */

export const ZONE = "America/New_York";
/** Friday, October 1, 2021 at 11:59 PM in New York. */
export const DUE = new Date("2021-10-02T03:59:00Z");
export const BEFORE_DUE = new Date("2021-09-20T15:00:00Z");
export const AFTER_DUE = new Date("2021-10-04T15:00:00Z");

/** The app's services over a test database, with a clock the test moves. */
export function servicesFor(db: Db, opts: { admins: string[]; clock: { now: Date } }): Services {
  const config = configSchema.parse({
    SLACK_BOT_TOKEN: "xoxb-test",
    SLACK_SIGNING_SECRET: "test-signing-secret",
    CONVENE_ADMINS: opts.admins.join(","),
    CONVENE_TICK: "off",
    LOG_LEVEL: "silent",
  });
  return { db, config, logger: pino({ level: "silent" }), now: () => opts.clock.now };
}

export async function seedProposalProgramme(
  db: Db,
  opts: {
    name?: string;
    dueAt?: Date | null;
    reviewChannelId?: string | null;
    reopened?: boolean;
    kind?: "COP_COHORT" | "WORKING_GROUPS";
  } = {},
) {
  return db.programme.create({
    data: {
      slug: `cop-${randomUUID().slice(0, 6)}`,
      name: opts.name ?? "Communities of Practice 2021-2022",
      kind: opts.kind ?? "COP_COHORT",
      timezone: ZONE,
      proposalsDueAt: opts.dueAt === undefined ? DUE : opts.dueAt,
      proposalsReopened: opts.reopened ?? false,
      reviewChannelId: opts.reviewChannelId ?? null,
      calendarToken: randomUUID(),
    },
  });
}

export function proposalFields(programmeId: string, over: Partial<ProposalFields> = {}): ProposalFields {
  return {
    programmeId,
    title: "Restorative practices in middle school",
    summary: "Deans compare notes on restorative circles and what changes in a year.",
    problem: "Suspensions fall hardest on students of color.",
    audience: "Deans of students and school leaders",
    slackFacilitators: [],
    otherFacilitator: null,
    deliverableKind: "TOOLKIT",
    format: "hybrid",
    capacity: 20,
    ...over,
  };
}

/** Empties what proposal tests write, between tests sharing one database. */
export async function clearProposals(db: Db): Promise<void> {
  await db.delivery.deleteMany();
  await db.auditLog.deleteMany();
  await db.programme.deleteMany();
  await db.person.deleteMany();
  await db.organization.deleteMany();
}
