import { membershipModal } from "../../src/views/membership-modal";
import { openTestDb, type TestDb } from "../helpers/databases";
import { allSent, expectEachSentOnce, seedBurst } from "./support/burst";
import { type LoggedConvene, startLoggedConvene } from "./support/logged-convene";
import { answerText, stateOf, submit } from "./support/submissions";
import { TcpProxy } from "./support/tcp-proxy";
import { waitUntil } from "./support/wait";

const TRY_AGAIN = "Convene could not finish that just now. Please try again in a minute.";

// The embedded database cannot go away from under its process; a database server can.
describe("PostgreSQL unavailable for a while", () => {
  let t: TestDb;
  let proxy: TcpProxy;
  let h: LoggedConvene;
  let member: string;

  beforeAll(async () => {
    t = await openTestDb("postgresql");
    const direct = new URL(t.url);
    proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(t.url);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    h = await startLoggedConvene(viaProxy.toString(), { CONVENE_TICK: "* * * * * *" });
    member = h.slack.addUser({ name: "ariana", email: "ariana@prospectschools.org" }).id;
  });
  afterAll(async () => {
    await proxy.unblock().catch(() => undefined);
    await h.stop();
    await proxy.stop();
    await t.close();
  });

  const health = async () => (await fetch(`${h.baseUrl}/healthz`)).status;
  const help = () => h.slack.sendCommand({ userId: member, command: "/convene", text: "help" });

  it("answers 'try again' while it is down, then recovers by itself", async () => {
    expect(await health()).toBe(200);
    expect((await help()).body).toMatchObject({ text: "Commands you can use with /convene" });

    await proxy.block();
    expect(await health()).toBe(503);

    const command = await help();
    expect(command.status).toBe(200);
    expect(command.durationMs).toBeLessThan(3000);
    expect(command.body).toMatchObject({ response_type: "ephemeral" });
    expect(answerText(command)).toContain(TRY_AGAIN);

    // A form keeps what was typed and says to submit again.
    const form = membershipModal();
    const submitted = await submit(h.slack, {
      userId: member,
      view: form,
      state: stateOf(form, { organization: "Riverside Schools", domains: "riverside.org", about: "Three schools." }),
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ response_action: "errors" });
    expect(answerText(submitted)).toContain("Please submit again in a minute.");

    // Ticks fail meanwhile, every second, and the process stays up.
    await waitUntil(() => h.logs.filter((l) => l.msg === "reminder tick failed").length >= 2, "two failed ticks", 10_000);

    await proxy.unblock();
    await waitUntil(async () => (await health()) === 200, "/healthz to answer 200 again");
    expect((await help()).body).toMatchObject({ text: "Commands you can use with /convene" });

    // The scheduler works again: reminders due now go out.
    const burst = await seedBurst(t.db, h.slack, { channels: 2, perChannel: 1 });
    await waitUntil(() => allSent(burst), "the reminders due after the outage");
    await expectEachSentOnce(burst);
    expect(h.logs.filter((l) => l.msg === "unhandled error in a Slack listener")).toEqual([]);
  });
});
