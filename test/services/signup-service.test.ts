import type { WebClient } from "@slack/web-api";
import { UserError } from "../../src/errors";
import type { Services } from "../../src/services/context";
import { joinGroup, prepareSignup, withdrawFromGroup } from "../../src/services/signup-service";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { servicesFor } from "../helpers/proposal-fixtures";
import { addFacilitator, addPerson, type Coalition, seedCoalition } from "../helpers/signup-fixtures";
import { LocalSlack } from "../../src/local-slack";
import { clientFor } from "../local-slack/test-support";

const DAY = 24 * 60 * 60 * 1000;

describe.each(providers)("sign-ups on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let services: Services;
  let c: Coalition;
  const clock = { now: new Date() };
  const people: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
    client = clientFor(slack);
    services = servicesFor(t.db, { admins: [], clock });
    c = await seedCoalition(t.db, clock.now);
    for (const [name, email] of [
      ["ana", "ana@prospectschools.org"],
      ["ben", "ben@prospectschools.org"],
      ["cy", "cy@prospectschools.org"],
      ["dee", "dee@prospectschools.org"],
      ["eli", "eli@prospectschools.org"],
      ["fay", "fay@clicharter.org"],
      ["gus", "gus@edgilityconsulting.com"],
    ]) {
      people[name!] = slack.addUser({ name: name!, realName: name!.toUpperCase(), email, tz: "America/Chicago" }).id;
    }
    const dwight = await addPerson(t.db, {
      slackUserId: slack.addUser({ name: "dwight", realName: "Dwight Thomas" }).id,
      name: "Dwight Thomas",
    });
    await addFacilitator(t.db, c.groups.small, dwight);
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });

  let views = 0;
  const join = (who: string, groupId: string, colleagues: string[] = [], key = `signup:V${++views}`) =>
    joinGroup(services, client, { slackUserId: people[who]!, groupId, colleagues: colleagues.map((p) => people[p]!), idempotencyKey: key });
  const statuses = async (groupId: string) =>
    Object.fromEntries(
      (await t.db.membership.findMany({ where: { groupId }, include: { person: true } })).map((m) => [
        Object.entries(people).find(([, id]) => id === m.person.slackUserId)![0],
        m.status,
      ]),
    );
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof UserError) return { code: err.code, message: err.message, fields: err.fields };
      throw err;
    }
    throw new Error("expected a refusal");
  };
  const deliveries = (prefix: string) =>
    t.db.delivery.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { dedupeKey: "asc" } });

  it("signs up a member with a colleague, and writes the invite, both confirmations and the facilitator's notice with them", async () => {
    const result = await join("ana", c.groups.small, ["ben"], "signup:V-small");
    expect(result.requester).toMatchObject({ status: "ACTIVE", isNew: true });
    expect(result.colleagues).toEqual([{ slackUserId: people.ben, status: "WAITLISTED", position: 1, isNew: true }]);
    const rows = await deliveries("signup:V-small");
    expect(rows.map((d) => [d.kind, d.channelId, d.status])).toEqual([
      ["dm", people.ana, "PENDING"],
      ["dm", people.ben, "PENDING"],
      ["dm", expect.stringMatching(/^U/), "PENDING"], // the facilitator
      ["invite", null, "PENDING"],
    ]);
    expect(rows.find((d) => d.kind === "invite")!.payload).toEqual({ groupId: c.groups.small, users: [people.ana] });
    expect(result.followUps.sort()).toEqual(rows.map((d) => d.id).sort());
  });

  it("treats the same submission again as done: nothing new is written", async () => {
    const again = await join("ana", c.groups.small, ["ben"], "signup:V-small");
    expect(again.followUps).toEqual([]);
    expect(again.requester.isNew).toBe(false);
    expect(await deliveries("signup:V-small")).toHaveLength(4);
    expect(await t.db.membership.count({ where: { groupId: c.groups.small } })).toBe(2);
  });

  it("refuses colleagues from another organization, and from a non-member one, signing up no one", async () => {
    expect(await refusal(join("cy", c.groups.trauma, ["fay"]))).toMatchObject({
      fields: { colleagues: expect.stringContaining("FAY is not from Prospect Schools") },
    });
    expect(await t.db.membership.count({ where: { groupId: c.groups.trauma } })).toBe(0);
    // Someone staff vouched for has no organization, so Convene cannot check their colleagues.
    const vouched = slack.addUser({ name: "vic", realName: "Vic", email: "vic@gmail.com" }).id;
    await addPerson(t.db, { slackUserId: vouched, name: "Vic", memberOverride: true });
    const refused = await refusal(
      joinGroup(services, client, {
        slackUserId: vouched,
        groupId: c.groups.trauma,
        colleagues: [people.cy!],
        idempotencyKey: "signup:Vvic",
      }),
    );
    expect(refused.fields).toEqual({ colleagues: expect.stringContaining("does not know your organization") });
    // Alone, they may join.
    await joinGroup(services, client, { slackUserId: vouched, groupId: c.groups.trauma, colleagues: [], idempotencyKey: "signup:Vvic2" });
    expect(await t.db.membership.count({ where: { groupId: c.groups.trauma } })).toBe(1);
  });

  it.each([
    ["a non-member", "gus", "justice", { code: "forbidden", fields: { group: expect.stringContaining("member organizations") } }],
    ["a closed group", "cy", "closed", { code: "closed", fields: { group: expect.stringContaining("is not taking sign-ups") } }],
  ] as const)("refuses %s with its reason on the group field", async (_label, who, group, expected) => {
    expect(await refusal(join(who, c.groups[group]))).toMatchObject(expected);
  });

  it("refuses after the deadline with the date, and before the opening with its date", async () => {
    const closesAt = new Date(clock.now.getTime() - DAY);
    await t.db.programme.update({ where: { id: c.programmeId }, data: { signupClosesAt: closesAt } });
    try {
      const refused = await refusal(join("cy", c.groups.justice));
      expect(refused.message).toMatch(
        /^Sign-ups for "Got Justice\? Creating and Sustaining Equitable School Culture" closed on \w+day, \w+ \d+, \d{4}\.$/,
      );
      expect(await prepareSignup(services, client, { slackUserId: people.cy!, groupId: c.groups.justice })).toEqual({
        kind: "refused",
        reason: refused.message,
      });
      await t.db.programme.update({
        where: { id: c.programmeId },
        data: { signupOpensAt: new Date(clock.now.getTime() + DAY), signupClosesAt: null },
      });
      expect((await refusal(join("cy", c.groups.justice))).message).toContain("open on");
    } finally {
      await t.db.programme.update({ where: { id: c.programmeId }, data: { signupOpensAt: null, signupClosesAt: null } });
    }
  });

  it("gives a freed seat to the first in line, once, even when two withdrawals and a double click race", async () => {
    // small: capacity 1, ana in, ben waiting. Four more wait behind him.
    for (const who of ["cy", "dee", "eli", "fay"]) await join(who, c.groups.small);
    expect(await statuses(c.groups.small)).toEqual({
      ana: "ACTIVE",
      ben: "WAITLISTED",
      cy: "WAITLISTED",
      dee: "WAITLISTED",
      eli: "WAITLISTED",
      fay: "WAITLISTED",
    });
    const withdraw = (who: string) => withdrawFromGroup(services, { slackUserId: people[who]!, groupId: c.groups.small });

    const [first, doubled] = await Promise.all([withdraw("ana"), withdraw("ana")]);
    expect([first.withdrawn, doubled.withdrawn].sort()).toEqual([false, true]);
    expect([...first.promoted, ...doubled.promoted]).toEqual([people.ben]);
    expect(await statuses(c.groups.small)).toMatchObject({ ana: "WITHDRAWN", ben: "ACTIVE", cy: "WAITLISTED" });

    // Capacity raised to 3 by staff; two people leave at once: seats go to cy, dee, eli in order, never over 3.
    await t.db.group.update({ where: { id: c.groups.small }, data: { capacity: 3 } });
    const results = await Promise.all([withdraw("ben"), withdraw("dee")]);
    expect(await t.db.membership.count({ where: { groupId: c.groups.small, status: "ACTIVE" } })).toBe(3);
    expect(await statuses(c.groups.small)).toEqual({
      ana: "WITHDRAWN",
      ben: "WITHDRAWN",
      cy: "ACTIVE",
      dee: "WITHDRAWN",
      eli: "ACTIVE",
      fay: "ACTIVE",
    });
    // dee may have moved up before withdrawing: whoever withdraws first decides.
    const promoted = results.flatMap((r) => r.promoted);
    expect(new Set(promoted).size).toBe(promoted.length);
    expect(promoted).toEqual(expect.arrayContaining([people.cy, people.eli, people.fay]));
    const promotionDms = await t.db.delivery.findMany({
      where: { dedupeKey: { startsWith: "promotion:" }, kind: "dm", channelId: { in: promoted } },
    });
    expect(promotionDms).toHaveLength(promoted.length);
  });

  it("fills seats added since, from the waitlist, before placing a newcomer", async () => {
    await t.db.group.update({ where: { id: c.groups.small }, data: { capacity: 3 } });
    await join("ana", c.groups.small); // cy, eli and fay hold the 3 seats
    expect((await statuses(c.groups.small)).ana).toBe("WAITLISTED");
    await t.db.group.update({ where: { id: c.groups.small }, data: { capacity: 5 } });
    const result = await join("ben", c.groups.small);
    expect(result.requester.status).toBe("ACTIVE");
    expect(await statuses(c.groups.small)).toMatchObject({ ana: "ACTIVE", ben: "ACTIVE" });
  });

  it("never seats more than the capacity when many join at once", async () => {
    await t.db.group.update({ where: { id: c.groups.trauma }, data: { capacity: 2 } });
    const results = await Promise.all(["ana", "ben", "cy", "dee", "eli"].map((who) => join(who, c.groups.trauma)));
    // vic took one seat earlier.
    expect(results.filter((r) => r.requester.status === "ACTIVE")).toHaveLength(1);
    expect(
      results
        .map((r) => r.requester.position)
        .filter(Boolean)
        .sort(),
    ).toEqual([1, 2, 3, 4]);
    expect(await t.db.membership.count({ where: { groupId: c.groups.trauma, status: "ACTIVE" } })).toBe(2);
  });

  it("offers a member every open group they are not in, full ones marked, or the programme's reason when none takes sign-ups", async () => {
    const hal = slack.addUser({ name: "hal", realName: "HAL", email: "hal@prospectschools.org", tz: "America/Chicago" }).id;
    // Two seated in trauma and more waiting: only the waitlist makes it full.
    await t.db.group.update({ where: { id: c.groups.trauma }, data: { capacity: 3 } });
    expect(await t.db.membership.count({ where: { groupId: c.groups.trauma, status: "ACTIVE" } })).toBeLessThan(3);
    const form = await prepareSignup(services, client, { slackUserId: hal });
    expect(form).toMatchObject({ kind: "form", group: null });
    expect(form.kind === "form" && form.choices.map((g) => [g.id, g.full])).toEqual([
      [c.groups.small, true],
      [c.groups.justice, false],
      [c.groups.trauma, true],
    ]);
    const ana = await prepareSignup(services, client, { slackUserId: people.ana! });
    expect(ana.kind === "form" && ana.choices.map((g) => g.id)).toEqual([c.groups.justice]);

    await t.db.programme.update({ where: { id: c.programmeId }, data: { signupClosesAt: new Date(clock.now.getTime() - DAY) } });
    try {
      expect(await prepareSignup(services, client, { slackUserId: hal })).toEqual({
        kind: "refused",
        reason: expect.stringMatching(/^Sign-ups for ".+" closed on \w+day/),
      });
    } finally {
      await t.db.programme.update({ where: { id: c.programmeId }, data: { signupClosesAt: null } });
    }
  });
});
