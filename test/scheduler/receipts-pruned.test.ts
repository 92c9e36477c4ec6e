import { claimReceipt } from "../../src/db/slack-receipt-repository";
import { reminderTick } from "../../src/scheduler/reminder-scheduler";
import { crowdAcked } from "../../src/slack/after-ack";
import { providers } from "../helpers/databases";
import { type Harness, startHarness } from "../helpers/harness";

const HOUR = 60 * 60_000;

describe.each(providers)("the scheduler's housekeeping on %s", (provider) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(provider);
  });
  afterAll(() => h.stop());

  it("forgets claims on Slack requests a day after they were made, looking once an hour", async () => {
    const db = h.t.db;
    const at = new Date("2026-03-02T12:00:00Z");
    const later = (ms: number) => new Date(at.getTime() + ms);
    // Claims as a shared note or a submission makes them (a claim made again is refused while kept).
    expect(await claimReceipt(db, "note:old", at)).toBe(true);
    expect(await claimReceipt(db, "note:then", later(10 * 60_000))).toBe(true);
    expect(await claimReceipt(db, "note:recent", later(23 * HOUR))).toBe(true);
    const tick = reminderTick(h.convene.services, h.convene.metrics, crowdAcked);
    const claimedStill = async (key: string) => !(await claimReceipt(db, key, later(26 * HOUR)));

    await tick(later(24 * HOUR + 60_000));
    expect(await claimedStill("note:old")).toBe(false); // forgotten, and so claimed anew here
    expect(await claimedStill("note:then")).toBe(true);
    // The next look is an hour after the last: ten minutes on, a claim just a day old is still kept.
    await tick(later(24 * HOUR + 11 * 60_000));
    expect(await claimedStill("note:then")).toBe(true);
    await tick(later(25 * HOUR + 2 * 60_000));
    expect(await claimedStill("note:then")).toBe(false);
    expect(await claimedStill("note:recent")).toBe(true);
  });
});
