import type { WebClient } from "@slack/web-api";
import { UserError } from "../../src/errors";
import type { Services } from "../../src/services/context";
import { followUpDeps, sendFollowUps } from "../../src/outbox/follow-ups";
import {
  approveProposal,
  assignReviewers,
  type Decision,
  decideWithNote,
  reviewForm,
  submitReview,
} from "../../src/services/proposal-review-service";
import { editProposal, submitProposal } from "../../src/services/proposal-service";
import { PROPOSAL_ACTIONS } from "../../src/views/proposal-review-card";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { AFTER_DUE, BEFORE_DUE, clearProposals, proposalFields, seedProposalProgramme, servicesFor } from "../helpers/proposal-fixtures";
import { errorsOnly, LocalSlack, validateMessageBlocks } from "../../src/local-slack";
import { clientFor } from "../local-slack/test-support";

describe.each(providers)("reviewing proposals on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let services: Services;
  const clock = { now: BEFORE_DUE };
  let ana: string;
  let rev: string;
  let staff: string;
  let staff2: string;
  let review: string;
  let proposalId: string;

  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  const send = (followUps?: Parameters<typeof sendFollowUps>[1]) => sendFollowUps(followUpDeps(services, client), followUps);

  beforeEach(async () => {
    await clearProposals(t.db);
    clock.now = BEFORE_DUE;
    slack = await LocalSlack.start();
    client = clientFor(slack);
    ana = slack.addUser({ name: "ana", realName: "Ana Ruiz", email: "ana@prospectschools.org" }).id;
    rev = slack.addUser({ name: "rui", realName: "Rui Reviewer" }).id;
    staff = slack.addUser({ name: "sofia", realName: "Sofia Staff" }).id;
    staff2 = slack.addUser({ name: "tom", realName: "Tom Staff" }).id;
    review = slack.addChannel({ name: "proposals-review" }).id;
    services = servicesFor(t.db, { admins: [staff, staff2], clock });
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    // Proposals are for members: Ana's email domain is a member organization's.
    const org = await t.db.organization.create({ data: { name: "Prospect Schools", nameKey: "prospect schools" } });
    await t.db.organizationDomain.create({ data: { domain: "prospectschools.org", organizationId: org.id } });
    const saved = await submitProposal(services, client, {
      idempotencyKey: "proposal:V1",
      proposerSlackId: ana,
      fields: proposalFields(programme.id, {
        slackFacilitators: [ana],
        otherFacilitator: { name: "Sam Lee", organization: "Roots ConnectED" },
      }),
    });
    await send(saved.followUps);
    proposalId = saved.proposal.id;
  });
  afterEach(async () => {
    await slack.stop();
    expect(slack.internalErrors).toEqual([]);
  });

  const followUpsOf = (d: Decision) => {
    if (!d.decided) throw new Error("expected a decision");
    return d.followUps;
  };
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof UserError) return { code: err.code, message: err.message };
      throw err;
    }
    throw new Error("expected a refusal");
  };
  const card = () => slack.messages(review).find((m) => m.text?.startsWith("Proposal:"))!;
  const cardText = () => JSON.stringify(card().blocks);
  const status = async () => (await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).status;

  it("lets staff assign reviewers, who each get a DM with the Review button", async () => {
    expect(await refusal(assignReviewers(services, client, { proposalId, actorSlackId: rev, reviewerSlackIds: [rev] }))).toMatchObject({
      code: "forbidden",
    });
    expect(await t.db.proposalReview.count()).toBe(0);

    await send(await assignReviewers(services, client, { proposalId, actorSlackId: staff, reviewerSlackIds: [rev, staff2] }));
    for (const who of [rev, staff2]) {
      const dm = slack.messages(who);
      expect(dm).toHaveLength(1);
      expect(JSON.stringify(dm[0]!.blocks)).toContain(PROPOSAL_ACTIONS.score);
    }
    expect(cardText()).toContain(`<@${rev}>: not reviewed yet`);

    // Taking one off and keeping the other sends nobody a second DM.
    await send(await assignReviewers(services, client, { proposalId, actorSlackId: staff, reviewerSlackIds: [rev] }));
    expect(slack.messages(rev)).toHaveLength(1);
    expect(cardText()).not.toContain(`<@${staff2}>`);
  });

  it("takes scores only from assigned reviewers, and shows them and abstentions on the card", async () => {
    expect(await refusal(reviewForm(services, { proposalId, actorSlackId: rev }))).toMatchObject({ code: "forbidden" });
    await send(await assignReviewers(services, client, { proposalId, actorSlackId: staff, reviewerSlackIds: [rev, staff2] }));
    expect(await reviewForm(services, { proposalId, actorSlackId: rev })).toMatchObject({ proposalId, previous: null });

    await send(
      await submitReview(services, {
        proposalId,
        actorSlackId: rev,
        review: { abstained: false, scores: { need: 4, plan: 5, facilitation: 3 }, comment: "Clear" },
      }),
    );
    await send(
      await submitReview(services, { proposalId, actorSlackId: staff2, review: { abstained: true, scores: null, comment: "I coach Ana" } }),
    );
    expect(cardText()).toContain(`<@${rev}>: *4.0* (Need 4 · Plan 5 · Facilitation 3)`);
    expect(cardText()).toContain(`<@${staff2}>: abstained (conflict of interest)`);
    expect(await reviewForm(services, { proposalId, actorSlackId: rev })).toMatchObject({
      previous: { scores: { need: 4, plan: 5, facilitation: 3 }, abstained: false },
    });
    expect(
      await refusal(submitReview(services, { proposalId, actorSlackId: ana, review: { abstained: true, scores: null, comment: null } })),
    ).toMatchObject({ code: "forbidden" });
  });

  it("approves into an open group with its facilitators and channel, and tells the proposer", async () => {
    const decision = await approveProposal(services, { proposalId, actorSlackId: staff });
    if (!decision.decided) throw new Error("expected a decision");
    const group = await t.db.group.findUniqueOrThrow({
      where: { id: decision.proposal.group!.id },
      include: { facilitators: { orderBy: { name: "asc" } } },
    });
    expect(group).toMatchObject({
      name: "Restorative practices in middle school",
      nameKey: "restorative practices in middle school",
      slug: "restorative-practices-in-middle-school",
      status: "OPEN",
      kind: "COP",
      capacity: 20,
      topics: [],
      channelId: null,
    });
    const anaPerson = await t.db.person.findUniqueOrThrow({ where: { slackUserId: ana } });
    expect(group.facilitators.map((f) => [f.name, f.organization, f.personId])).toEqual([
      ["Ana Ruiz", "Prospect Schools", anaPerson.id],
      ["Sam Lee", "Roots ConnectED", null],
    ]);
    expect(await t.db.auditLog.count({ where: { action: "proposal.approved", entityId: proposalId } })).toBe(1);

    await send(decision.followUps);
    const linked = await t.db.group.findUniqueOrThrow({ where: { id: group.id } });
    const channel = slack.channel(linked.channelId!)!;
    expect(channel.name).toBe("restorative-practices-in-middle-school");
    expect([...channel.members]).toContain(ana);
    expect(slack.pins(channel.id)).toHaveLength(1);
    expect(slack.messages(ana).at(-1)!.text).toBe('Your proposal "Restorative practices in middle school" is approved.');
    expect(cardText()).toContain(`Approved by <@${staff}>`);
    expect(cardText()).toContain(`Its group meets in <#${channel.id}>.`);
    expect(cardText()).not.toContain(PROPOSAL_ACTIONS.approve);
    expect(slack.thread(review, card().ts).map((m) => m.text)).toContain("Restorative practices in middle school is set up.");
    for (const m of slack.messages(review)) expect(errorsOnly(validateMessageBlocks(m.blocks ?? []))).toEqual([]);
  });

  it("makes one decision and one group when two staff approve at once", async () => {
    const [a, b] = await Promise.all([
      approveProposal(services, { proposalId, actorSlackId: staff }),
      approveProposal(services, { proposalId, actorSlackId: staff2 }),
    ]);
    expect([a.decided, b.decided].sort()).toEqual([false, true]);
    expect(await t.db.group.count()).toBe(1);
    expect(await t.db.auditLog.count({ where: { action: "proposal.approved" } })).toBe(1);
    expect(await t.db.delivery.count({ where: { dedupeKey: `proposal:${proposalId}:decision` } })).toBe(1);
  });

  it("refuses an approval from someone who is not staff, and changes nothing", async () => {
    const deliveries = await t.db.delivery.count();
    expect(await refusal(approveProposal(services, { proposalId, actorSlackId: rev }))).toEqual({
      code: "forbidden",
      message: "Only coalition staff can approve proposals.",
    });
    expect(await status()).toBe("SUBMITTED");
    expect(await t.db.group.count()).toBe(0);
    expect(await t.db.delivery.count()).toBe(deliveries);
  });

  it("sends a decline's note to the proposer, and decides only once", async () => {
    await send(
      followUpsOf(
        await decideWithNote(services, {
          proposalId,
          actorSlackId: staff,
          decision: "DECLINED",
          note: "We already run a group on this.\nPlease join it!",
        }),
      ),
    );
    const dm = slack.messages(ana).at(-1)!;
    expect(JSON.stringify(dm.blocks)).toContain(">We already run a group on this.\\n>Please join it!");
    expect(JSON.stringify(dm.blocks)).toContain("Thank you for proposing");
    expect(cardText()).toContain(`Declined by <@${staff}>`);
    const again = await approveProposal(services, { proposalId, actorSlackId: staff2 });
    expect(again).toMatchObject({ decided: false, proposal: { status: "DECLINED" } });
    expect(await t.db.group.count()).toBe(0);
  });

  it("lets the proposer answer a request for changes after the deadline, which sends it back for review", async () => {
    await send(
      followUpsOf(
        await decideWithNote(services, { proposalId, actorSlackId: staff, decision: "CHANGES_REQUESTED", note: "Narrow the audience" }),
      ),
    );
    expect(JSON.stringify(slack.messages(ana).at(-1)!.blocks)).toContain(">Narrow the audience");
    clock.now = AFTER_DUE;
    const programmeId = (await t.db.proposal.findUniqueOrThrow({ where: { id: proposalId } })).programmeId;
    const edited = await editProposal(services, client, {
      proposalId,
      actorSlackId: ana,
      fields: proposalFields(programmeId, { slackFacilitators: [ana], audience: "Deans only" }),
    });
    await send(edited.followUps);
    expect(await status()).toBe("SUBMITTED");
    expect(cardText()).toContain("Waiting for a decision");
    expect(cardText()).toContain("Deans only");
  });

  it("keeps an approved group when its channel cannot be created, tells staff in the thread, and retries", async () => {
    slack.fail("conversations.create", { error: "restricted_action" });
    const decision = await approveProposal(services, { proposalId, actorSlackId: staff });
    if (!decision.decided) throw new Error("expected a decision");
    const outcomes = await send(decision.followUps);
    expect(outcomes.map((o) => `${o.kind} ${o.outcome}`)).toEqual(["proposal_card sent", "group_channel retry", "dm sent"]);
    expect(await t.db.group.count()).toBe(1);
    expect(await status()).toBe("APPROVED");
    const thread = slack.thread(review, card().ts).map((m) => m.text);
    expect(thread).toContain("Convene could not set up the channel for Restorative practices in middle school.");

    const tick = await send();
    expect(tick.map((o) => `${o.kind} ${o.outcome}`)).toEqual(["group_channel sent"]);
    expect((await t.db.group.findFirstOrThrow()).channelId).not.toBeNull();
    expect(slack.thread(review, card().ts).map((m) => m.text)).toContain("Restorative practices in middle school is set up.");
  });
});
