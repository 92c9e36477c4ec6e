import type { WebClient } from "@slack/web-api";
import { UserError } from "../../src/errors";
import type { Services } from "../../src/services/context";
import { changeMembership, type MembershipChange } from "../../src/services/membership-admin-service";
import { followUpDeps, sendFollowUps } from "../../src/outbox/follow-ups";
import { LocalSlack } from "../../src/local-slack";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { servicesFor } from "../helpers/proposal-fixtures";
import { type Coalition, seedCoalition } from "../helpers/signup-fixtures";
import { clientFor } from "../local-slack/test-support";

const STAFF = "U0STAFF001";

describe.each(providers)("membership changed by hand on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let services: Services;
  let c: Coalition;
  const people: Record<string, string> = {};
  let keys = 0;

  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
    client = clientFor(slack);
    services = servicesFor(t.db, { admins: [STAFF], clock: { now: new Date() } });
    c = await seedCoalition(t.db, new Date());
    slack.addUser({ id: STAFF, name: "sam", realName: "Sam Staff" });
    for (const name of ["ana", "ben", "cy", "dee"])
      people[name] = slack.addUser({ name, realName: name.toUpperCase(), email: `${name}@prospectschools.org` }).id;
    for (const [groupId, name] of [
      [c.groups.justice, "cop-justice"],
      [c.groups.small, "cop-bias"],
      [c.groups.trauma, "cop-trauma"],
    ] as const) {
      await t.db.group.update({ where: { id: groupId }, data: { channelId: slack.addChannel({ name }).id } });
    }
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });

  const change = (who: string, action: MembershipChange["action"], groupId: string, more: Partial<MembershipChange> = {}) =>
    changeMembership(services, client, {
      actor: STAFF,
      change: { action, groupId, slackUserId: people[who]!, toGroupId: null, waitlistIfFull: false, ...more },
      idempotencyKey: `test:${++keys}`,
    });
  const status = async (groupId: string, who: string) =>
    (await t.db.membership.findFirst({ where: { groupId, person: { slackUserId: people[who] } } }))?.status ?? null;
  const channelOf = async (groupId: string) => (await t.db.group.findUniqueOrThrow({ where: { id: groupId } })).channelId!;
  const refused = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof UserError) return err.message;
      throw err;
    }
    throw new Error("not refused");
  };

  it("refuses a move into a full group and leaves the person where they were", async () => {
    const deps = followUpDeps(services, client);
    await sendFollowUps(deps, (await change("ana", "add", c.groups.small)).followUps); // its one seat
    await sendFollowUps(deps, (await change("ben", "add", c.groups.justice)).followUps);
    expect(await refused(change("ben", "move", c.groups.justice, { toGroupId: c.groups.small }))).toContain("is full (1 of 1 places)");
    expect([await status(c.groups.justice, "ben"), await status(c.groups.small, "ben")]).toEqual(["ACTIVE", null]);
    expect(slack.channel(await channelOf(c.groups.justice))!.members.has(people.ben!)).toBe(true);
  });

  it("gives the seat someone was moved out of to the first in line, in the same change", async () => {
    await change("cy", "add", c.groups.small, { waitlistIfFull: true });
    expect(await status(c.groups.small, "cy")).toBe("WAITLISTED");
    const moved = await change("ana", "move", c.groups.small, { toGroupId: c.groups.trauma });
    expect([await status(c.groups.small, "ana"), await status(c.groups.trauma, "ana"), await status(c.groups.small, "cy")]).toEqual([
      "WITHDRAWN",
      "ACTIVE",
      "ACTIVE",
    ]);
    await sendFollowUps(followUpDeps(services, client), moved.followUps);
    expect(slack.messages(people.cy!).some((m) => m.text?.includes("A seat opened"))).toBe(true);
  });

  it("keeps someone in the channel when they are back in the group before the removal is sent", async () => {
    const deps = followUpDeps(services, client);
    await sendFollowUps(deps, (await change("dee", "add", c.groups.trauma)).followUps);
    const channel = await channelOf(c.groups.trauma);
    expect(slack.channel(channel)!.members.has(people.dee!)).toBe(true);
    const removed = await change("dee", "remove", c.groups.trauma);
    const added = await change("dee", "add", c.groups.trauma);
    await sendFollowUps(deps, [...removed.followUps, ...added.followUps]);
    expect(slack.channel(channel)!.members.has(people.dee!)).toBe(true);
    expect(await t.db.delivery.findFirst({ where: { kind: "kick", id: { in: removed.followUps } } })).toMatchObject({ status: "SKIPPED" });
  });

  it("moves two people past each other at once without either waiting on the other for ever", async () => {
    const [a, b] = await Promise.all([
      change("ben", "move", c.groups.justice, { toGroupId: c.groups.trauma }),
      change("ana", "move", c.groups.trauma, { toGroupId: c.groups.justice }),
    ]);
    expect([a.status, b.status]).toEqual(["ACTIVE", "ACTIVE"]);
    expect([await status(c.groups.trauma, "ben"), await status(c.groups.justice, "ana")]).toEqual(["ACTIVE", "ACTIVE"]);
  });
});
