import { eventSessionKey } from "../../src/domain/session-keys";
import type { WebClient } from "@slack/web-api";
import { UserError } from "../../src/errors";
import type { Services } from "../../src/services/context";
import { roleOf } from "../../src/services/people-service";
import {
  decideSubmission,
  listTopics,
  pendingSubmissions,
  submitEvent,
  submitMembershipApplication,
  suggestTopic,
  upvoteTopic,
} from "../../src/services/submission-service";
import type { EventSubmission } from "../../src/views/event-modal";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { servicesFor } from "../helpers/proposal-fixtures";
import { addPerson, type Coalition, seedCoalition } from "../helpers/signup-fixtures";
import { LocalSlack } from "../../src/local-slack";
import { clientFor } from "../local-slack/test-support";

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    if (err instanceof UserError) return { code: err.code, message: err.message, fields: err.fields };
    throw err;
  }
  throw new Error("expected a refusal");
};

describe.each(providers)("submissions on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let services: Services;
  let c: Coalition;
  const clock = { now: new Date("2021-09-01T15:00:00Z") };
  let ana: string, gus: string, kim: string, admin: string, staff: string;

  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
    client = clientFor(slack);
    ana = slack.addUser({ name: "ana", realName: "Ana Ruiz", email: "ana@prospectschools.org", tz: "America/Chicago" }).id;
    gus = slack.addUser({ name: "gus", realName: "Gus Partner", email: "gus@edgilityconsulting.com" }).id;
    kim = slack.addUser({ name: "kim", realName: "Kim Lee", email: "kim@kippkc.org", tz: "America/Chicago" }).id;
    admin = slack.addUser({ name: "admin", realName: "Ada Admin" }).id;
    staff = slack.addUser({ name: "sofia", realName: "Sofia Staff" }).id;
    services = servicesFor(t.db, { admins: [admin], clock });
    c = await seedCoalition(t.db, clock.now);
    await addPerson(t.db, { slackUserId: staff, name: "Sofia Staff", isStaff: true });
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });

  const literacyNight: EventSubmission = {
    programme: "",
    title: "Family Literacy Night",
    description: "Stories and snacks for families.",
    date: "2021-11-18",
    time: "18:30",
    duration: 90,
    format: "IN_PERSON",
    location: "Prospect Schools, Brooklyn",
    zone: "America/Chicago",
  };
  const event = (over: Partial<EventSubmission> = {}) => ({ ...literacyNight, programme: c.programmeId, ...over });

  describe("events members host", () => {
    it("saves one submission per modal and sends it to every staff member for review", async () => {
      const first = await submitEvent(services, client, { slackUserId: ana, idempotencyKey: "event_submission:V1", event: event() });
      expect(first.submission).toMatchObject({ kind: "EVENT", status: "PENDING", title: "Family Literacy Night", submitterSlackId: ana });
      const reviews = await t.db.delivery.findMany({ where: { id: { in: first.followUps } } });
      expect(reviews.map((d) => d.channelId).sort()).toEqual([admin, staff].sort());
      expect(JSON.stringify(reviews[0]!.payload)).toContain("submission_approve:");

      const again = await submitEvent(services, client, { slackUserId: ana, idempotencyKey: "event_submission:V1", event: event() });
      expect(again).toEqual({ submission: first.submission, followUps: [] });
      expect(await t.db.submission.count({ where: { kind: "EVENT" } })).toBe(1);
    });

    it("makes one record of 20 identical submissions sent at once", async () => {
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          submitEvent(services, client, { slackUserId: ana, idempotencyKey: "event_submission:V20", event: event() }),
        ),
      );
      expect(new Set(results.map((r) => r.submission.id)).size).toBe(1);
      expect(results.filter((r) => r.followUps.length > 0)).toHaveLength(1);
      expect(await t.db.submission.count({ where: { idempotencyKey: "event_submission:V20" } })).toBe(1);
      expect(await t.db.delivery.count({ where: { dedupeKey: { startsWith: `submission:${results[0]!.submission.id}:` } } })).toBe(2);
    });

    it.each<[string, Partial<EventSubmission>, Record<string, string>]>([
      ["in the past", { date: "2021-08-31" }, { date: "Pick a date and time in the future." }],
      ["at a time the clocks skip", { date: "2022-03-13", time: "02:30" }, { time: expect.stringContaining("the clocks change then") }],
      ["for a programme that is not running", { programme: "nope" }, { programme: expect.stringContaining("no longer running") }],
    ])("refuses an event %s, on its field", async (_label, over, fields) => {
      expect(
        (
          await refusal(
            submitEvent(services, client, {
              slackUserId: ana,
              idempotencyKey: `event_submission:${_label}`,
              event: { ...event(), ...over },
            }),
          )
        ).fields,
      ).toEqual(fields);
    });

    it("refuses an event from a guest, someone of no member or partner organization", async () => {
      const guest = slack.addUser({ name: "gil", realName: "Gil Guest", email: "gil@unlisted-school.org" }).id;
      expect(
        await refusal(submitEvent(services, client, { slackUserId: guest, idempotencyKey: "event_submission:Vguest", event: event() })),
      ).toMatchObject({ code: "forbidden" });
    });

    it("puts an approved event on the calendar as a session for the whole programme, and tells the host", async () => {
      const { submission } = await submitEvent(services, client, {
        slackUserId: ana,
        idempotencyKey: "event_submission:Vapprove",
        event: event(),
      });
      const decided = await decideSubmission(services, { staffSlackId: staff, submissionId: submission.id, decision: "APPROVED" });
      const session = await t.db.session.findUniqueOrThrow({
        where: { programmeId_key: { programmeId: c.programmeId, key: eventSessionKey(submission.id) } },
      });
      expect(session).toMatchObject({
        groupId: null,
        title: "Family Literacy Night",
        localStart: "2021-11-18T18:30",
        timezone: "America/Chicago",
        durationMinutes: 90,
        format: "IN_PERSON",
        location: "Prospect Schools, Brooklyn",
        startsAt: new Date("2021-11-19T00:30:00Z"),
        endsAt: new Date("2021-11-19T02:00:00Z"),
      });
      const [decision] = await t.db.delivery.findMany({ where: { id: { in: decided.followUps } } });
      expect(decision).toMatchObject({ kind: "dm", channelId: ana });
      expect(JSON.stringify(decision!.payload)).toContain("was approved and is on the calendar");
      expect(await t.db.auditLog.count({ where: { entityId: submission.id, action: "submission.approved", actor: staff } })).toBe(1);
    });

    it("refuses a decision from someone who is not staff, whatever the button said, and changes nothing", async () => {
      const { submission } = await submitEvent(services, client, {
        slackUserId: ana,
        idempotencyKey: "event_submission:Vforged",
        event: event(),
      });
      expect(
        await refusal(decideSubmission(services, { staffSlackId: ana, submissionId: submission.id, decision: "APPROVED" })),
      ).toMatchObject({ code: "forbidden" });
      expect(await refusal(pendingSubmissions(services, ana))).toMatchObject({ code: "forbidden" });
      expect(await t.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({ status: "PENDING" });
      expect(await t.db.session.count({ where: { key: eventSessionKey(submission.id) } })).toBe(0);
    });

    it("lets one of two staff deciding at once through, and tells the other who decided", async () => {
      const { submission } = await submitEvent(services, client, {
        slackUserId: ana,
        idempotencyKey: "event_submission:Vrace",
        event: event(),
      });
      const outcomes = await Promise.allSettled([
        decideSubmission(services, { staffSlackId: staff, submissionId: submission.id, decision: "APPROVED" }),
        decideSubmission(services, { staffSlackId: admin, submissionId: submission.id, decision: "DECLINED" }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      const lost = outcomes.find((o): o is PromiseRejectedResult => o.status === "rejected")!.reason as UserError;
      const stored = await t.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
      expect(lost.message).toBe(`Family Literacy Night was already ${stored.status.toLowerCase()} by <@${stored.decidedBySlack}>.`);
      expect(await t.db.session.count({ where: { key: eventSessionKey(submission.id) } })).toBe(stored.status === "APPROVED" ? 1 : 0);
    });
  });

  describe("membership applications", () => {
    const application = { organization: "KIPP Kansas City", domains: ["kippkc.org"], about: "Three schools in Kansas City." };

    it.each([
      [
        "a domain a member holds",
        { domains: ["kippkc.org", "prospectschools.org"] },
        { domains: expect.stringContaining("prospectschools.org already belongs to Prospect Schools.") },
      ],
      [
        "a name that is a member already",
        { organization: "prospect schools" },
        { organization: "Prospect Schools is already a member organization of the coalition." },
      ],
    ])("refuses %s, on its field", async (_label, over, fields) => {
      expect(
        (
          await refusal(
            submitMembershipApplication(services, client, {
              slackUserId: kim,
              idempotencyKey: `membership_application:${_label}`,
              application: { ...application, ...over },
            }),
          )
        ).fields,
      ).toEqual(fields);
    });

    it("on approval makes the organization a member with its domains, and its people members", async () => {
      const { submission } = await submitMembershipApplication(services, client, {
        slackUserId: kim,
        idempotencyKey: "membership_application:V1",
        application,
      });
      const kimBefore = await t.db.person.findUniqueOrThrow({ where: { slackUserId: kim } });
      expect(await roleOf(services, kimBefore)).toBe("guest");

      await decideSubmission(services, { staffSlackId: admin, submissionId: submission.id, decision: "APPROVED" });
      const org = await t.db.organization.findUniqueOrThrow({ where: { nameKey: "kipp kansas city" }, include: { domains: true } });
      expect(org).toMatchObject({ name: "KIPP Kansas City", memberStatus: "MEMBER", domains: [{ domain: "kippkc.org" }] });
      const kimAfter = await t.db.person.findUniqueOrThrow({ where: { slackUserId: kim } });
      expect(kimAfter.organizationId).toBe(org.id);
      expect(await roleOf(services, kimAfter)).toBe("member");
    });

    it("promotes a partner organization that applies, and refuses to approve a domain taken since", async () => {
      const { submission } = await submitMembershipApplication(services, client, {
        slackUserId: gus,
        idempotencyKey: "membership_application:Vedg",
        application: {
          organization: "Edgility Consulting",
          domains: ["edgilityconsulting.com", "edgility.org"],
          about: "Talent partners.",
        },
      });
      await t.db.organizationDomain.create({ data: { domain: "edgility.org", organizationId: c.orgs.cli } });
      const refused = await refusal(decideSubmission(services, { staffSlackId: admin, submissionId: submission.id, decision: "APPROVED" }));
      expect(refused).toMatchObject({
        code: "conflict",
        message: expect.stringContaining("edgility.org belongs to City Language Immersion Charter"),
      });
      expect(await t.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({ status: "PENDING" });

      await t.db.organizationDomain.delete({ where: { domain: "edgility.org" } });
      await decideSubmission(services, { staffSlackId: admin, submissionId: submission.id, decision: "APPROVED" });
      expect(await t.db.organization.findUniqueOrThrow({ where: { id: c.orgs.edgility } })).toMatchObject({ memberStatus: "MEMBER" });
      expect(await t.db.organizationDomain.count({ where: { organizationId: c.orgs.edgility } })).toBe(2);
    });
  });

  describe("topic suggestions", () => {
    it("are open to members, listed most upvoted first, and an upvote counts once however often it is clicked", async () => {
      const lee = slack.addUser({ name: "lee", email: "lee@clicharter.org" }).id;
      const retention = await suggestTopic(services, client, {
        slackUserId: ana,
        idempotencyKey: "topic_suggestion:V1",
        topic: { title: "Teacher retention" },
      });
      const family = await suggestTopic(services, client, {
        slackUserId: ana,
        idempotencyKey: "topic_suggestion:V2",
        topic: { title: "Family engagement", details: "Beyond the PTA." },
      });
      expect(retention.followUps).toEqual([]);

      const clicks = await Promise.all(
        Array.from({ length: 5 }, () => upvoteTopic(services, client, { slackUserId: lee, submissionId: family.submission.id })),
      );
      expect(clicks.filter((c) => c.counted)).toHaveLength(1);
      expect(await t.db.topicVote.count({ where: { submissionId: family.submission.id } })).toBe(1);

      const list = await listTopics(services, client, lee);
      expect(list.canVote).toBe(true);
      expect(list.topics.map((t) => [t.title, t.votes, t.mine])).toEqual([
        ["Family engagement", 1, true],
        ["Teacher retention", 0, false],
      ]);
      expect(list.topics[0]!.details).toBe("Beyond the PTA.");
    });

    it("are not for people outside the member organizations to suggest or upvote", async () => {
      const zed = slack.addUser({ name: "zed", email: "zed@gmail.com" }).id;
      expect(
        await refusal(
          suggestTopic(services, client, { slackUserId: zed, idempotencyKey: "topic_suggestion:Vz", topic: { title: "Consulting" } }),
        ),
      ).toMatchObject({ code: "forbidden" });
      const list = await listTopics(services, client, zed);
      expect(list.canVote).toBe(false);
      expect(await refusal(upvoteTopic(services, client, { slackUserId: zed, submissionId: list.topics[0]!.id }))).toMatchObject({
        code: "forbidden",
      });
    });
  });
});
