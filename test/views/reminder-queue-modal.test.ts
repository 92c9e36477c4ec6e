import { type QueueEntry, type QueueView, QUEUE_RETRY, reminderQueueModal, whatOf, whereOf } from "../../src/views/reminder-queue-modal";
import { validateView } from "../../src/local-slack";

const ZONE = "America/Chicago";
const due = new Date("2021-10-12T20:00:00Z");
const entry = (i: number, over: Partial<QueueEntry> = {}): QueueEntry => ({
  id: `d${i}`,
  kind: "reminder",
  subject: `Monthly meeting ${i}`,
  channelId: "C0MATH",
  dueAt: new Date(due.getTime() + i * 60_000),
  offsetMinutes: 1440,
  attempts: 0,
  lastError: null,
  ...over,
});
const queue = (upcoming: QueueEntry[], failed: QueueEntry[], totals: { upcoming?: number; failed?: number } = {}): QueueView => ({
  zone: ZONE,
  upcoming: { items: upcoming, total: totals.upcoming ?? upcoming.length, days: 7 },
  failed: { items: failed, total: totals.failed ?? failed.length, days: 14 },
});
const text = (q: QueueView) => JSON.stringify(reminderQueueModal(q).blocks);

describe("the reminder queue modal", () => {
  it("lists what is due with a date token each reader sees in their zone, what it is and where it goes", () => {
    const t = text(queue([entry(1), entry(2, { kind: "attendance_prompt", offsetMinutes: null, channelId: "U0ANA" })], []));
    expect(t).toContain(
      `<!date^${Math.floor((due.getTime() + 60_000) / 1000)}^{date_short_pretty} at {time}|Tue, Oct 12, 2021 at 3:01 PM CDT>`,
    );
    expect(t).toContain("*Monthly meeting 1* · Reminder, 1 day before · <#C0MATH>");
    expect(t).toContain("*Monthly meeting 2* · Attendance prompt · DM to <@U0ANA>");
    expect(t).toContain("Nothing failed.");
  });

  it("gives each failure its error and a Retry button carrying the delivery's id", () => {
    const view = reminderQueueModal(queue([], [entry(7, { lastError: "channel_not_found", attempts: 1 })]));
    const t = JSON.stringify(view.blocks);
    expect(t).toContain("Nothing is due in the next 7 days.");
    expect(t).toContain("1 try · `channel_not_found`");
    expect(view.blocks).toContainEqual(
      expect.objectContaining({ accessory: expect.objectContaining({ action_id: `${QUEUE_RETRY}:d7`, value: "d7" }) }),
    );
  });

  it("stays within 50 blocks and counts what it does not list, however long the queue", () => {
    const many = (n: number, over: Partial<QueueEntry> = {}) => Array.from({ length: n }, (_, i) => entry(i, over));
    const view = reminderQueueModal({
      ...queue(many(200), many(200, { lastError: "ratelimited" }), { upcoming: 512, failed: 230 }),
      notice: "Back in the queue.",
    });
    expect(view.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(view.blocks)).toContain("…and 482 more due in that time.");
    expect(JSON.stringify(view.blocks)).toContain("…and 220 more failed in that time.");
    expect(validateView(view, { expectedType: "modal" })).toEqual([]);
  });

  it("escapes what it shows from the database", () => {
    const t = text(queue([entry(1, { subject: "<!channel> & co" })], [entry(2, { lastError: "bad `thing` <@U1>" })]));
    expect(t).toContain("&lt;!channel&gt; &amp; co");
    expect(t).toContain("`bad 'thing' &lt;@U1&gt;`");
  });

  it.each([
    [{ kind: "deadline_reminder", offsetMinutes: 4320 }, "Deadline reminder, 3 days before"],
    [{ kind: "cancellation", offsetMinutes: null }, "Cancellation notice"],
    [{ kind: "group_channel", offsetMinutes: null }, "Group channel"],
  ])("names %j as %j", (e, label) => {
    expect(whatOf(e)).toBe(label);
  });

  it.each([
    ["C0MATH", "<#C0MATH>"],
    ["U0ANA", "DM to <@U0ANA>"],
    ["D0DM", "a DM"],
    [null, "no channel"],
  ])("says %j goes to %j", (channel, where) => {
    expect(whereOf(channel)).toBe(where);
  });
});
