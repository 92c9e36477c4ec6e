import type { WebClient } from "@slack/web-api";
import { UserError } from "../../src/errors";
import type { Services } from "../../src/services/context";
import { followUpDeps, sendFollowUps } from "../../src/outbox/follow-ups";
import {
  editProposal,
  proposalOpenings,
  setProposalsReopened,
  setReviewChannel,
  submitProposal,
  withdrawProposal,
} from "../../src/services/proposal-service";
import { ACTIONS } from "../../src/views/actions";
import { PROPOSAL_ACTIONS } from "../../src/views/proposal-review-card";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { AFTER_DUE, BEFORE_DUE, clearProposals, proposalFields, seedProposalProgramme, servicesFor } from "../helpers/proposal-fixtures";
import { LocalSlack } from "../../src/local-slack";
import { clientFor } from "../local-slack/test-support";

describe.each(providers)("facilitation proposals on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let services: Services;
  const clock = { now: BEFORE_DUE };
  let ana: string;
  let ben: string;
  let staff: string;
  let review: string;

  beforeAll(async () => {
    t = await openTestDb(provider);
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    await clearProposals(t.db);
    clock.now = BEFORE_DUE;
    slack = await LocalSlack.start();
    client = clientFor(slack);
    ana = slack.addUser({ name: "ana", realName: "Ana Ruiz", email: "ana@prospectschools.org", tz: "America/Chicago" }).id;
    ben = slack.addUser({ name: "ben", realName: "Ben Okafor", tz: "America/New_York" }).id;
    staff = slack.addUser({ name: "sofia", realName: "Sofia Staff" }).id;
    review = slack.addChannel({ name: "proposals-review" }).id;
    services = servicesFor(t.db, { admins: [staff], clock });
    const org = await t.db.organization.create({ data: { name: "Prospect Schools", nameKey: "prospect schools" } });
    await t.db.organizationDomain.create({ data: { domain: "prospectschools.org", organizationId: org.id } });
  });
  afterEach(async () => {
    await slack.stop();
    expect(slack.internalErrors).toEqual([]);
  });

  const send = (followUps: Parameters<typeof sendFollowUps>[1]) => sendFollowUps(followUpDeps(services, client), followUps);
  const submit = (programmeId: string, key = "proposal:V1", over = {}) =>
    submitProposal(services, client, {
      idempotencyKey: key,
      proposerSlackId: ana,
      fields: proposalFields(programmeId, { slackFacilitators: [ana], ...over }),
    });
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof UserError) return { code: err.code, message: err.message, fields: err.fields };
      throw err;
    }
    throw new Error("expected a refusal");
  };
  const cards = () => slack.messages(review).filter((m) => m.text?.startsWith("Proposal:"));

  it("saves a proposal with its facilitators, posts its card for review and thanks the proposer", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    const saved = await submit(programme.id, "proposal:V1", {
      slackFacilitators: [ana],
      otherFacilitator: { name: "Sam Lee", organization: "Roots ConnectED" },
    });
    expect(saved.created).toBe(true);
    const outcomes = await send(saved.followUps);
    expect(outcomes.map((o) => `${o.kind} ${o.outcome}`)).toEqual(["proposal_card sent", "dm sent"]);

    const stored = await t.db.proposal.findUniqueOrThrow({
      where: { id: saved.proposal.id },
      include: { facilitators: { orderBy: { name: "asc" } } },
    });
    expect(stored).toMatchObject({
      status: "SUBMITTED",
      title: "Restorative practices in middle school",
      capacity: 20,
      deliverableKind: "TOOLKIT",
      format: "hybrid",
    });
    expect(stored.facilitators.map((f) => [f.name, f.organization, f.slackUserId])).toEqual([
      ["Ana Ruiz", "Prospect Schools", ana],
      ["Sam Lee", "Roots ConnectED", null],
    ]);
    expect(cards()).toHaveLength(1);
    expect(stored.reviewChannelId).toBe(review);
    expect(stored.reviewTs).toBe(cards()[0]!.ts);
    expect(JSON.stringify(cards()[0]!.blocks)).toContain(`<@${ana}> (Prospect Schools)\\nSam Lee (Roots ConnectED)`);
    const dm = slack.messages(ana);
    expect(dm.map((m) => m.text)).toEqual([
      'Convene received your proposal "Restorative practices in middle school" for Communities of Practice 2021-2022.',
    ]);
    expect(JSON.stringify(dm[0]!.blocks)).toContain(ACTIONS.withdrawProposal);
    expect(await t.db.auditLog.count({ where: { action: "proposal.submitted", entityId: stored.id } })).toBe(1);
  });

  it("returns the first proposal when the same view is submitted again, writing nothing", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    const first = await submit(programme.id);
    const deliveries = await t.db.delivery.count();
    const again = await submit(programme.id, "proposal:V1", { title: "Something else" });
    expect(again).toMatchObject({ created: false, followUps: [] });
    expect(again.proposal.id).toBe(first.proposal.id);
    expect(again.proposal.title).toBe("Restorative practices in middle school");
    expect(await t.db.proposal.count()).toBe(1);
    expect(await t.db.delivery.count()).toBe(deliveries);
  });

  it("creates one proposal from 20 identical submissions arriving together", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    const results = await Promise.all(Array.from({ length: 20 }, () => submit(programme.id, "proposal:V20")));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.proposal.id)).size).toBe(1);
    expect(await t.db.proposal.count()).toBe(1);
    expect(await t.db.proposalFacilitator.count()).toBe(1);
    expect(await t.db.delivery.count()).toBe(2); // one card, one receipt
  });

  it("refuses a proposal after the deadline with the date, under the programme field, and saves nothing", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    clock.now = AFTER_DUE;
    const why =
      "Proposals for Communities of Practice 2021-2022 closed on Friday, October 1, 2021 at 11:59 PM EDT. Ask coalition staff if they can reopen them.";
    expect(await refusal(submit(programme.id))).toEqual({ code: "closed", message: why, fields: { programme: why } });
    expect(await t.db.proposal.count()).toBe(0);
    expect(await proposalOpenings(services, client, ana)).toEqual({
      open: [],
      closed: [{ name: programme.name, closedAt: programme.proposalsDueAt, timezone: programme.timezone }],
    });
  });

  it("takes proposals after the deadline only while staff have reopened them", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    clock.now = AFTER_DUE;
    expect(
      await refusal(setProposalsReopened(services, { programmeSlug: programme.slug, actorSlackId: ben, reopened: true })),
    ).toMatchObject({ code: "forbidden" });
    expect((await t.db.programme.findUniqueOrThrow({ where: { id: programme.id } })).proposalsReopened).toBe(false);

    const reopened = await setProposalsReopened(services, { programmeSlug: programme.slug, actorSlackId: staff, reopened: true });
    expect(reopened.window).toEqual({ open: true, dueAt: null, reopened: true });
    expect((await submit(programme.id)).created).toBe(true);

    await setProposalsReopened(services, { programmeSlug: programme.slug, actorSlackId: staff, reopened: false });
    expect(await refusal(submit(programme.id, "proposal:V2"))).toMatchObject({ code: "closed" });
    expect(await t.db.auditLog.count({ where: { entityId: programme.id } })).toBe(2);
  });

  it("tells staff where to set a review channel, and posts the waiting cards once they do", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: null });
    const saved = await submit(programme.id);
    await send(saved.followUps);
    expect(cards()).toEqual([]);
    const notice = slack.messages(staff);
    expect(notice).toHaveLength(1);
    expect(JSON.stringify(notice[0]!.blocks)).toContain(`/convene proposals review-channel ${programme.slug}`);

    expect(
      await refusal(setReviewChannel(services, { programmeSlug: programme.slug, actorSlackId: ben, channelId: review })),
    ).toMatchObject({ code: "forbidden" });
    const set = await setReviewChannel(services, { programmeSlug: programme.slug, actorSlackId: staff, channelId: review });
    expect(set.posted).toBe(1);
    await send(set.followUps);
    expect(cards()).toHaveLength(1);
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: saved.proposal.id } })).reviewTs).toBe(cards()[0]!.ts);
  });

  it("lets the proposer edit until the deadline, updating the card in place, and not after", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    const saved = await submit(programme.id);
    await send(saved.followUps);
    const edited = await editProposal(services, client, {
      proposalId: saved.proposal.id,
      actorSlackId: ana,
      fields: proposalFields(programme.id, { title: "Restorative circles", slackFacilitators: [ana, ben], capacity: 15 }),
    });
    await send(edited.followUps);
    expect(cards()).toHaveLength(1);
    expect(cards()[0]!.text).toBe("Proposal: Restorative circles (Communities of Practice 2021-2022), submitted");
    expect(cards()[0]!.history).toHaveLength(1);
    expect((await t.db.proposalFacilitator.findMany({ where: { proposalId: saved.proposal.id } })).map((f) => f.name).sort()).toEqual([
      "Ana Ruiz",
      "Ben Okafor",
    ]);

    expect(
      await refusal(
        editProposal(services, client, {
          proposalId: saved.proposal.id,
          actorSlackId: ben,
          fields: proposalFields(programme.id, { slackFacilitators: [ben] }),
        }),
      ),
    ).toMatchObject({
      code: "forbidden",
    });
    clock.now = AFTER_DUE;
    const late = await refusal(
      editProposal(services, client, {
        proposalId: saved.proposal.id,
        actorSlackId: ana,
        fields: proposalFields(programme.id, { slackFacilitators: [ana] }),
      }),
    );
    expect(late).toMatchObject({ code: "closed", message: expect.stringContaining("closed on Friday, October 1, 2021 at 11:59 PM EDT") });
    expect(await refusal(withdrawProposal(services, { proposalId: saved.proposal.id, actorSlackId: ana }))).toMatchObject({
      code: "closed",
    });
    expect((await t.db.proposal.findUniqueOrThrow({ where: { id: saved.proposal.id } })).title).toBe("Restorative circles");
  });

  it("withdraws on the proposer's word only, and the card shows it without buttons", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    const saved = await submit(programme.id);
    await send(saved.followUps);
    expect(await refusal(withdrawProposal(services, { proposalId: saved.proposal.id, actorSlackId: ben }))).toMatchObject({
      code: "forbidden",
    });
    const withdrawn = await withdrawProposal(services, { proposalId: saved.proposal.id, actorSlackId: ana });
    await send(withdrawn.followUps);
    expect(withdrawn.proposal.status).toBe("WITHDRAWN");
    expect(JSON.stringify(cards()[0]!.blocks)).toContain("Withdrawn by the proposer.");
    expect(JSON.stringify(cards()[0]!.blocks)).not.toContain(PROPOSAL_ACTIONS.approve);
    expect(await refusal(withdrawProposal(services, { proposalId: saved.proposal.id, actorSlackId: ana }))).toMatchObject({
      code: "closed",
    });
  });

  it("refuses a hand-named facilitator who is already picked in Slack", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    const refused = await refusal(submit(programme.id, "proposal:V1", { otherFacilitator: { name: "ana ruiz", organization: null } }));
    expect(refused.fields).toEqual({ other_facilitator: "ana ruiz is already picked above: clear this name, or name someone else." });
  });

  it("retries a card Slack refused on the next tick, and posts it once", async () => {
    const programme = await seedProposalProgramme(t.db, { reviewChannelId: review });
    const saved = await submit(programme.id);
    slack.fail("chat.postMessage", { status: 503 });
    const first = await send(saved.followUps);
    expect(first.map((o) => `${o.kind} ${o.outcome}`)).toEqual(["proposal_card retry", "dm sent"]);
    expect(cards()).toEqual([]);

    const tick = await sendFollowUps(followUpDeps(services, client));
    expect(tick.map((o) => `${o.kind} ${o.outcome}`)).toEqual(["proposal_card sent"]);
    expect(await sendFollowUps(followUpDeps(services, client))).toEqual([]);
    expect(cards()).toHaveLength(1);
  });
});
