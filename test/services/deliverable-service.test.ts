import type { WebClient } from "@slack/web-api";
import { UserError } from "../../src/errors";
import type { Services } from "../../src/services/context";
import { listResources, prepareDeliverableForm, submitDeliverable } from "../../src/services/deliverable-service";
import type { DeliverableSubmission } from "../../src/views/deliverable-modal";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { servicesFor } from "../helpers/proposal-fixtures";
import { addFacilitator, addPerson, type Coalition, seedCoalition } from "../helpers/signup-fixtures";
import { LocalSlack } from "../../src/local-slack";
import { clientFor } from "../local-slack/test-support";

describe.each(providers)("the resource library on %s", (provider) => {
  let t: TestDb;
  let slack: LocalSlack;
  let client: WebClient;
  let services: Services;
  let c: Coalition;
  // 11:30 pm on June 30 in New York: still the 2020-2021 school year there, already July in UTC.
  const clock = { now: new Date("2021-07-01T03:30:00Z") };
  let dwight: string, ana: string;

  beforeAll(async () => {
    t = await openTestDb(provider);
    slack = await LocalSlack.start();
    client = clientFor(slack);
    services = servicesFor(t.db, { admins: [], clock });
    c = await seedCoalition(t.db, clock.now);
    dwight = slack.addUser({ name: "dwight", realName: "Dwight Thomas", email: "dwight@prospectschools.org" }).id;
    ana = slack.addUser({ name: "ana", realName: "Ana Ruiz", email: "ana@prospectschools.org" }).id;
    await addFacilitator(
      t.db,
      c.groups.justice,
      await addPerson(t.db, { slackUserId: dwight, name: "Dwight Thomas", organizationId: c.orgs.prospect }),
    );
  });
  afterAll(async () => {
    await slack.stop();
    await t.close();
  });

  const toolkit: DeliverableSubmission = {
    group: "",
    title: "Restorative circles toolkit",
    kind: "TOOLKIT",
    link: "https://example.org/toolkit",
    summary: "For deans.",
  };
  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (err) {
      if (err instanceof UserError) return { code: err.code, fields: err.fields };
      throw err;
    }
    throw new Error("expected a refusal");
  };

  it("lets only a group's facilitators share for it", async () => {
    expect((await prepareDeliverableForm(services, client, dwight)).groups.map((g) => g.id)).toEqual([c.groups.justice]);
    expect(await refusal(prepareDeliverableForm(services, client, ana))).toMatchObject({ code: "forbidden" });
    expect(
      await refusal(
        submitDeliverable(services, client, {
          slackUserId: ana,
          idempotencyKey: "deliverable_submission:Vana",
          deliverable: { ...toolkit, group: c.groups.justice },
        }),
      ),
    ).toEqual({
      code: "invalid",
      fields: { group: "You are not a facilitator of that group: choose one of yours." },
    });
    expect(
      await refusal(
        submitDeliverable(services, client, {
          slackUserId: dwight,
          idempotencyKey: "deliverable_submission:Vother",
          deliverable: { ...toolkit, group: c.groups.small },
        }),
      ),
    ).toMatchObject({
      fields: { group: expect.any(String) },
    });
    expect(await t.db.deliverable.count()).toBe(0);
  });

  it("files a deliverable under the programme's school year, once for 20 identical submissions", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        submitDeliverable(services, client, {
          slackUserId: dwight,
          idempotencyKey: "deliverable_submission:V1",
          deliverable: { ...toolkit, group: c.groups.justice },
        }),
      ),
    );
    expect(new Set(results.map((r) => r.year))).toEqual(new Set(["2020-2021"]));
    expect(await t.db.deliverable.count()).toBe(1);
    expect(await t.db.deliverable.findFirstOrThrow()).toMatchObject({
      groupId: c.groups.justice,
      programmeId: c.programmeId,
      url: "https://example.org/toolkit",
      kind: "TOOLKIT",
    });
  });

  it("lists resources across years, newest year first, or one year", async () => {
    clock.now = new Date("2022-03-01T15:00:00Z");
    await submitDeliverable(services, client, {
      slackUserId: dwight,
      idempotencyKey: "deliverable_submission:V2",
      deliverable: { ...toolkit, group: c.groups.justice, title: "Hiring for equity", kind: "WEBINAR" },
    });
    expect((await listResources(services)).resources.map((r) => [r.year, r.title, r.groupName])).toEqual([
      ["2021-2022", "Hiring for equity", "Got Justice? Creating and Sustaining Equitable School Culture"],
      ["2020-2021", "Restorative circles toolkit", "Got Justice? Creating and Sustaining Equitable School Culture"],
    ]);
    expect((await listResources(services, { year: "2020-2021" })).resources.map((r) => r.title)).toEqual(["Restorative circles toolkit"]);
    await expect(listResources(services, { year: "2021-2023" })).rejects.toThrow("Write the school year like 2021-2022");
  });
});
