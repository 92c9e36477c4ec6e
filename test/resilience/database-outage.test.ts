import { membershipModal } from "../../src/views/membership-modal";
import { openTestDb, type TestDb } from "../helpers/databases";
import { allSent, expectEachSentOnce, seedBurst } from "./support/burst";
import { type LoggedConvene, startLoggedConvene } from "./support/logged-convene";
import { type SqliteLock, holdWriteLock } from "./support/sqlite-lock";
import { answerText, stateOf, submit } from "./support/submissions";
import { TcpProxy } from "./support/tcp-proxy";
import { waitUntil } from "./support/wait";

const TRY_AGAIN = "Convene could not finish that just now. Please try again in a minute.";
const SUBMIT_AGAIN = "Please submit again in a minute.";

// A database server can go away; an SQLite file cannot (deleted or moved, the open file still
// answers), but another process can hold its write lock for a while: one scenario each.
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
  // Help may list commands from a staff lookup it remembers for a while: the outage is met by a command that reads.
  const groups = () => h.slack.sendCommand({ userId: member, command: "/convene", text: "groups" });

  it("answers 'try again' while it is down, then recovers by itself", async () => {
    expect(await health()).toBe(200);
    expect((await help()).body).toMatchObject({ text: "Commands you can use with /convene" });

    await proxy.block();
    expect(await health()).toBe(503);

    const command = await groups();
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
    expect(answerText(submitted)).toContain(SUBMIT_AGAIN);

    // Ticks fail meanwhile, every second, and the process stays up.
    await waitUntil(() => h.logs.filter((l) => l.level >= 50 && /tick failed/.test(l.msg ?? "")).length >= 2, "two failed ticks", 10_000);

    await proxy.unblock();
    await waitUntil(async () => (await health()) === 200, "/healthz to answer 200 again");
    expect((await help()).body).toMatchObject({ text: "Commands you can use with /convene" });

    // The scheduler works again: reminders due now go out.
    const burst = await seedBurst(t.db, h.slack, { channels: 2, perChannel: 1 });
    await waitUntil(() => allSent(burst), "the reminders due after the outage");
    await expectEachSentOnce(burst);
    expect(h.logs.filter((l) => l.msg === "unhandled error in a Slack listener")).toEqual([]);
  });

  it("answers 'try again' within Slack's 3 s when PostgreSQL stops answering, then recovers by itself", async () => {
    expect((await help()).body).toMatchObject({ text: "Commands you can use with /convene" });
    proxy.stall();

    const command = await groups();
    expect(command.durationMs).toBeLessThan(3000);
    await waitUntil(
      () =>
        answerText(command).includes(TRY_AGAIN) ||
        h.slack.responses(command.responseUrlId!).some((r) => JSON.stringify(r.body).includes(TRY_AGAIN)),
      "the 'try again' reply",
      10_000,
    );

    const form = { ...membershipModal(), id: "VSTALLED01" };
    const state = stateOf(form, { organization: "Riverside Schools", domains: "riverside.org", about: "Three schools." });
    const submitted = await submit(h.slack, { userId: member, view: form, state });
    expect(submitted.durationMs).toBeLessThan(3000);
    // A save that hangs is answered "Saving…" at once; once it fails, the form comes back saying so.
    expect(answerText(submitted)).toContain("Saving…");
    const formAgain = (c: { args: unknown }) => JSON.stringify(c.args).includes(form.id) && JSON.stringify(c.args).includes(SUBMIT_AGAIN);
    await waitUntil(() => h.slack.callsTo("views.update").some(formAgain), "the form back, saying to submit again", 10_000);

    await proxy.unblock();
    await waitUntil(async () => (await health()) === 200, "/healthz to answer 200 again");
    const again = await submit(h.slack, { userId: member, view: form, state });
    expect(answerText(again)).toContain("is with coalition staff");
    expect(h.logs.filter((l) => l.msg === "unhandled error in a Slack listener")).toEqual([]);
  });
});

describe("SQLite locked by another process for a while", () => {
  let t: TestDb;
  let h: LoggedConvene;
  let lock: SqliteLock | undefined;

  beforeAll(async () => {
    t = await openTestDb("sqlite");
    h = await startLoggedConvene(t.url, { CONVENE_TICK: "* * * * * *" });
  });
  afterAll(async () => {
    await lock?.release();
    await h.stop();
    await t.close();
  });

  const command = (userId: string, text: string) => h.slack.sendCommand({ userId, command: "/convene", text });

  it("answers 'try again' to what must be written, reads on, and recovers once the lock is let go", async () => {
    const member = h.slack.addUser({ name: "ariana", email: "ariana@prospectschools.org" }).id;
    expect((await command(member, "my")).body).toMatchObject({ text: expect.stringMatching(/^Your groups: 0/) });

    lock = await holdWriteLock(t.url.replace(/^file:/, ""));
    // Reading takes no lock: help, and someone Convene knows already, are answered as usual.
    expect((await command(member, "help")).body).toMatchObject({ text: "Commands you can use with /convene" });
    expect((await command(member, "my")).body).toMatchObject({ text: expect.stringMatching(/^Your groups: 0/) });

    // Someone new must be recorded first: that write is refused, in Slack's time.
    const newcomer = h.slack.addUser({ name: "bea", email: "bea@prospectschools.org" }).id;
    const refused = await command(newcomer, "my");
    expect(refused.status).toBe(200);
    expect(refused.durationMs).toBeLessThan(3000);
    expect(refused.body).toMatchObject({ response_type: "ephemeral" });
    expect(answerText(refused)).toContain(TRY_AGAIN);

    // A form keeps what was typed and says to submit again.
    const form = { ...membershipModal(), id: "VLOCKED001" };
    const state = stateOf(form, { organization: "Riverside Schools", domains: "riverside.org", about: "Three schools." });
    const submitted = await submit(h.slack, { userId: member, view: form, state });
    expect(submitted.status).toBe(200);
    expect(submitted.durationMs).toBeLessThan(3000);
    expect(submitted.body).toMatchObject({ response_action: "errors" });
    expect(answerText(submitted)).toContain(SUBMIT_AGAIN);

    await lock.release();
    lock = undefined;
    expect((await command(newcomer, "my")).body).toMatchObject({ text: expect.stringMatching(/^Your groups: 0/) });
    // Submitted again, the same form is saved, once.
    const again = await submit(h.slack, { userId: member, view: form, state });
    expect(again.body).toMatchObject({ response_action: "update" });
    expect(answerText(again)).toContain("is with coalition staff");
    expect(await t.db.submission.count()).toBe(1);

    // The scheduler works on: reminders due now go out.
    const burst = await seedBurst(t.db, h.slack, { channels: 2, perChannel: 1 });
    await waitUntil(() => allSent(burst), "the reminders due after the lock");
    await expectEachSentOnce(burst);
    expect(h.logs.filter((l) => l.msg === "unhandled error in a Slack listener")).toEqual([]);
  });
});
