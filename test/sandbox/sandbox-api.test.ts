import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { errorsOnly, validateMessageBlocks } from "../../src/local-slack";
import type { PageItem, PageState } from "../../src/sandbox/page-state";
import { type Sandbox, startSandbox } from "../../src/sandbox/sandbox";
import { STAFF_ID } from "../../src/sandbox/sandbox-workspace";

// The sandbox's JSON API as the page uses it: every action below reaches Convene as a signed
// request from the local Slack, and every assertion is on what the person would see.

const ARIANA = "U0ARIANA01"; // a member from Prospect Schools, in Denver
const MAYA = "U0MAYA0001"; // a member who wants to facilitate
const GUS = "U0GUS00001"; // a guest

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "convene-sandbox-"));
  sandbox = await startSandbox({ port: 0, databaseFile: path.join(dir, "sandbox.db"), logLevel: "silent" });
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: "GET" | "POST", route: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(new URL(route, sandbox.url), {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
const post = async (action: string, body: unknown) => {
  const res = await call("POST", `/api/${action}`, body);
  if (res.status !== 200) throw new Error(`POST ${action} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};
const state = async (as: string, open?: string) =>
  (await call("GET", `/api/state?as=${as}${open ? `&open=${open}` : ""}`)).body as unknown as PageState;

/** What a reader sees of some HTML: its text, tags dropped. */
const seen = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
const allText = (s: PageState) =>
  s.items
    .flatMap((i) => [i, ...i.replies])
    .map((i) => seen(i.html))
    .join("\n");

/** The buttons in some HTML, with the attributes the page sends back. */
function buttons(html: string) {
  return [...html.matchAll(/<button([^>]*)>(.*?)<\/button>/g)].map(([, attrs, label]) => {
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs!)?.[1];
    return {
      label: seen(label!).trim(),
      actionId: attr("data-action-id"),
      blockId: attr("data-block-id"),
      type: attr("data-element-type"),
    };
  });
}
const click = (as: string, where: unknown, b: ReturnType<typeof buttons>[number]) =>
  post("action", { as, where, actionId: b.actionId, blockId: b.blockId, elementType: b.type });

/** The modal on the person's screen once Convene has filled it (modals open in a loading state first). */
const modalOf = (as: string) =>
  eventually(async () => {
    const modal = (await state(as)).modal;
    return modal && !seen(modal.html).includes("loading") ? modal : undefined;
  });

async function eventually<T>(what: () => Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the sandbox's API", () => {
  it("starts a member in #general at the end of September 2021, with people in several zones", async () => {
    const s = await state(ARIANA);
    expect(s.me).toMatchObject({ name: "Ariana Melton", tz: "America/Denver" });
    expect(s.title).toBe("#general");
    expect(s.now.slice(0, 10)).toBe("2021-09-30");
    expect(new Set(s.people.map((p) => p.tz)).size).toBeGreaterThanOrEqual(4);
    expect(s.people.map((p) => p.title)).toEqual(
      expect.arrayContaining(["Coalition staff", expect.stringMatching(/^Facilitator/), expect.stringMatching(/^Guest/)]),
    );
  });

  it("answers /convene groups with the example's groups, privately, in the DM with Convene", async () => {
    const { dm } = await state(ARIANA);
    await post("command", { as: ARIANA, channel: dm.id, text: "/convene groups" });
    const s = await state(ARIANA, dm.id);
    const reply = s.items.find((i) => i.kind === "ephemeral")!;
    expect(seen(reply.html)).toContain("Trauma-Informed Practices to Support ALL Students");
    expect(seen(reply.html)).toContain("Got Justice? Creating and Sustaining Equitable School Culture");
    expect(seen(reply.html)).toContain("Roots ConnectED Anti-Bias and Social Justice Institute Follow-up Coaching");
    // Only the person who asked sees it.
    expect(allText(await state(MAYA, (await state(MAYA)).dm.id))).not.toContain("Trauma-Informed");
  });

  it("signs a member up through the Join button and the modal: the channel appears and a DM confirms", async () => {
    const { dm } = await state(ARIANA);
    const reply = (await state(ARIANA, dm.id)).items.find((i) => i.kind === "ephemeral")!;
    const card = reply.html.slice(reply.html.indexOf("Trauma-Informed"));
    await click(ARIANA, { kind: "ephemeral", ts: reply.ts }, buttons(card).find((b) => b.label === "Join")!);

    const modal = await modalOf(ARIANA);
    expect(seen(modal.html)).toContain("Sign up");
    expect(seen(modal.html)).toContain("20 of 20 seats left");
    await post("submit", {
      as: ARIANA,
      viewId: modal.id,
      values: { colleagues: { signup_colleagues: [] }, commitment: { signup_commitment: ["attend_all"] } },
    });
    expect(seen((await state(ARIANA)).modal!.html)).toContain("You're signed up for");

    const after = await eventually(async () => {
      const s = await state(ARIANA, dm.id);
      return s.channels.some((c) => c.name === "cop-trauma-informed") && allText(s).includes("You signed up for") ? s : undefined;
    });
    expect(allText(after)).toMatch(/Next sessions?/);
    // The channel shows that she joined, as Slack does, and who added her.
    const channel = after.channels.find((c) => c.name === "cop-trauma-informed")!;
    const joined = (await state(ARIANA, channel.id)).items.filter((i) => i.kind === "join" && i.author === "Ariana Melton");
    expect(joined.map((i) => seen(i.html))).toEqual(["joined #cop-trauma-informed. Added by Convene."]);
  });

  it("shows a proposal's field errors in the modal, then takes it to staff, who approve it on the review card", async () => {
    const { dm } = await state(MAYA);
    await post("command", { as: MAYA, channel: dm.id, text: "/convene propose" });
    const modal = await modalOf(MAYA);
    // What Maya types; the programme is the one the modal offers, already chosen.
    const form = {
      programme: { proposal_programme: /name="programme"[\s\S]*?<option value="([^"]+)"[^>]*selected/.exec(modal.html)![1]! },
      title: { proposal_title: "Bilingual family engagement" },
      summary: { proposal_summary: "Schools compare how they bring families into the classroom in two languages." },
      problem: { proposal_problem: "Families who speak French or Spanish at home are left out of school life." },
      audience: { proposal_audience: "Family engagement coordinators" },
      facilitators: { proposal_facilitators: [MAYA] },
      other_facilitator: { proposal_other_facilitator: "" },
      other_organization: { proposal_other_organization: "" },
      deliverable: { proposal_deliverable: "TOOLKIT" },
      format: { proposal_format: "virtual" },
      capacity: { proposal_capacity: "12" },
    };

    await post("submit", { as: MAYA, viewId: modal.id, values: { ...form, capacity: { proposal_capacity: "1" } } });
    const refused = (await state(MAYA)).modal!;
    expect(refused.html).toMatch(/class="bk-error" data-error-for="capacity"/);

    await post("submit", { as: MAYA, viewId: modal.id, values: form });
    expect(seen((await state(MAYA)).modal!.html)).toContain("is received");
    await post("close", { as: MAYA, viewId: modal.id });
    expect((await state(MAYA)).modal).toBeNull();

    const review = (await state(STAFF_ID)).channels.find((c) => c.name === "proposals-review")!;
    const card = await eventually(async () =>
      (await state(STAFF_ID, review.id)).items.find((i) => seen(i.html).includes("Bilingual family engagement")),
    );
    await click(STAFF_ID, { kind: "message", channel: review.id, ts: card.ts }, buttons(card.html).find((b) => b.label === "Approve")!);
    await eventually(async () =>
      seen((await state(STAFF_ID, review.id)).items.find((i) => i.ts === card.ts)!.html).includes("Its group meets in") ? true : undefined,
    );
    const proposer = await eventually(async () => {
      const s = await state(MAYA, dm.id);
      return s.channels.some((c) => c.name === "bilingual-family-engagement") ? s : undefined;
    });
    expect(allText(proposer)).toContain("is approved");
    // The new channel's welcome is pinned, and the page marks it so.
    const channel = proposer.channels.find((c) => c.name === "bilingual-family-engagement")!;
    const welcome = await eventually(async () => (await state(MAYA, channel.id)).items.find((i) => i.pinned));
    expect(welcome.fromApp).toBe(true);
  });

  it("opens the App Home through the real app_home_opened event, in the person's own zone", async () => {
    await post("home", { as: ARIANA });
    const home = await eventually(async () => (await state(ARIANA, "home")).home ?? undefined);
    expect(home).toContain('class="bk-home"');
    expect(seen(home)).toContain("Trauma-Informed Practices to Support ALL Students");
    expect(home).toMatch(/M[DS]T/); // Denver
  });

  it("fast-forwards from 30 September to the sign-up deadline reminder, then the kickoff's with Going / Can't make it, each once in #announcements", async () => {
    const announcements = (await state(ARIANA)).channels.find((c) => c.name === "announcements")!;
    const posts = async (what: string) => (await state(ARIANA, announcements.id)).items.filter((i) => seen(i.html).includes(what));

    // At start, the 7-day reminder Convene could not send on time (the file was imported on the 30th) went out late.
    const before = (await posts("Participant Sign-up Deadline")).length;
    await post("clock", { advance: "next-reminder", as: ARIANA });
    expect((await state(ARIANA)).now.slice(0, 16)).toBe("2021-10-01T03:59"); // a day before 23:59 on 1 October in New York
    const deadline = (await posts("Participant Sign-up Deadline")).slice(before);
    expect(deadline).toHaveLength(1);
    expect(deadline[0]!.html).toMatch(/datetime="2021-10-01T21:59:00-06:00"/); // read in Denver

    await post("clock", { advance: "next-reminder", as: ARIANA });
    expect((await state(ARIANA)).now.slice(0, 16)).toBe("2021-10-12T19:00"); // a day before the kickoff, 15:00 in New York
    const kickoff = await posts("Reminder: CoP Year 3 Kickoff");
    expect(kickoff).toHaveLength(1);
    expect(buttons(kickoff[0]!.html).map((b) => b.label)).toEqual(expect.arrayContaining(["Going (0)", "Can't make it (0)"]));
    expect(await posts("Participant Sign-up Deadline")).toHaveLength(before + 1);
  });

  it("says sign-ups are closed once the window has passed, in /convene groups and on Home, with no Join", async () => {
    const { dm } = await state(MAYA);
    await post("command", { as: MAYA, channel: dm.id, text: "/convene groups" });
    const reply = (await state(MAYA, dm.id)).items.filter((i) => i.kind === "ephemeral").at(-1)!;
    expect(seen(reply.html)).toContain("Sign-ups closed");
    expect(buttons(reply.html).map((b) => b.label)).not.toContain("Join");
    await post("home", { as: MAYA });
    const home = await eventually(async () => {
      const html = (await state(MAYA, "home")).home;
      return html && seen(html).includes("Sign-ups are closed") ? html : undefined;
    });
    expect(buttons(home).map((b) => b.label)).not.toContain("Join");
  });

  it("stops at every post of any kind, says where one went that the viewer cannot see, and reaches the groups' November reminders", async () => {
    // Staff who have used Convene are asked to record attendance at sessions for everyone.
    await post("home", { as: STAFF_ID });
    const notices: string[] = [];
    for (let i = 0; i < 6 && !(await state(ARIANA)).now.startsWith("2021-11-09"); i++) {
      const { notice } = (await post("clock", { advance: "next-reminder", as: ARIANA })) as { notice?: string };
      if (notice) notices.push(notice);
    }
    // The kickoff's attendance prompt goes to staff, which Ariana cannot see.
    expect(notices).toContain("Convene posted a direct message to Sofia Reyes.");
    expect(allText(await state(STAFF_ID, (await state(STAFF_ID)).dm.id))).toContain("How did CoP Year 3 Kickoff go?");
  });

  it("fast-forwards to the next reminder, in the member's channel, and counts their Going", async () => {
    const s = await state(ARIANA);
    expect(s.now.slice(0, 10)).toBe("2021-11-09");
    const channel = s.channels.find((c) => c.name === "cop-trauma-informed")!;
    const reminder = (await state(ARIANA, channel.id)).items.at(-1)!;
    expect(seen(reminder.html)).toContain("Virtual Group Session");
    expect(seen(reminder.html)).toContain("Going (0)");
    expect(reminder.html).toMatch(/datetime="2021-11-10T13:00:00-07:00"/); // 15:00 in New York, read in Denver
    // Download .ics opens the session as a file, through the page's own address.
    const ics = /data-url="(http:\/\/127\.0\.0\.1:\d+\/calendar\/session\/[^"]+\.ics)"/.exec(reminder.html)![1]!;
    const file = await fetch(new URL(new URL(ics.replace(/&amp;/g, "&")).pathname, sandbox.url));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename=/);
    expect(file.headers.get("cache-control")).toBe("private, max-age=300");
    expect((await file.text()).replace(/\r\n[ \t]/g, "")).toContain(
      "SUMMARY:Trauma-Informed Practices to Support ALL Students · Virtual Group Session",
    );

    await click(
      ARIANA,
      { kind: "message", channel: channel.id, ts: reminder.ts },
      buttons(reminder.html).find((b) => b.actionId === "rsvp_going")!,
    );
    const updated = await eventually(async () => {
      const item: PageItem | undefined = (await state(ARIANA, channel.id)).items.find((i) => i.ts === reminder.ts);
      return item && seen(item.html).includes("Going (1)") ? item : undefined;
    });
    expect(updated.edited).toBe(true);
    expect(errorsOnly(validateMessageBlocks(sandbox.slack.messages(channel.id).at(-1)!.blocks ?? []))).toEqual([]);
  });

  it("shows a facilitator their group's roster, its exported CSVs in their DM as download links, and the form to manage its members", async () => {
    const DWIGHT = "U0DWIGHT01";
    const { dm } = await state(DWIGHT);
    await post("command", { as: DWIGHT, channel: dm.id, text: "/convene roster got justice" });
    const roster = await eventually(async () => {
      const modal = (await state(DWIGHT)).modal;
      return modal && seen(modal.html).includes("Members (") ? modal : undefined;
    });
    expect(seen(roster.html)).toContain("Got Justice?");
    await click(DWIGHT, { kind: "view", viewId: roster.id }, buttons(roster.html).find((b) => b.label === "Export CSV")!);
    const shared = await eventually(async () => (await state(DWIGHT, dm.id)).items.find((i) => i.html.includes("sb-file")));
    const links = [...shared.html.matchAll(/href="(\/files\/[^"]+)"/g)].map((m) => m[1]!);
    expect(links).toHaveLength(2);
    const csv = await fetch(new URL(links[0]!, sandbox.url));
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename\*=UTF-8''got-justice/);
    expect(Buffer.from(await csv.arrayBuffer()).toString("utf8")).toContain("Name,Email,Organization");

    // Manage members opens over the roster, with the facilitator's choices.
    const again = await eventually(async () => (await state(DWIGHT)).modal ?? undefined);
    await click(DWIGHT, { kind: "view", viewId: again.id }, buttons(again.html).find((b) => b.label === "Manage members")!);
    const manage = await eventually(async () => {
      const modal = (await state(DWIGHT)).modal;
      return modal && seen(modal.html).includes("Change who is in") ? modal : undefined;
    });
    expect(seen(manage.html)).toContain("Give them a seat from the waitlist");
  });

  it("shows staff the participation report, then its charts inline and its CSV files as downloads in their DM", async () => {
    const { dm } = await state(STAFF_ID);
    await post("command", { as: STAFF_ID, channel: dm.id, text: "/convene report" });
    const report = await eventually(async () => {
      const modal = (await state(STAFF_ID)).modal;
      return modal && seen(modal.html).includes("By group (") ? modal : undefined;
    }, 15_000);
    expect(seen(report.html)).toContain("Communities of Practice 2021-2022");
    expect(seen(report.html)).toContain("Got Justice?");
    const shared = await eventually(
      async () => (await state(STAFF_ID, dm.id)).items.find((i) => (i.html.match(/sb-file/g) ?? []).length >= 6),
      15_000,
    );
    expect([...shared.html.matchAll(/<img[^>]*src="(\/files\/[^"]+\.png)"/g)]).toHaveLength(2);
    const png = await fetch(new URL([...shared.html.matchAll(/src="(\/files\/[^"]+\.png)"/g)][0]![1]!, sandbox.url));
    expect([...Buffer.from(await png.arrayBuffer()).subarray(1, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("PNG");
    expect([...shared.html.matchAll(/download="[^"]+\.csv"/g)]).toHaveLength(4);
  });

  it("shows any member the organization directory: names, kinds, people here and their groups", async () => {
    const { dm } = await state(ARIANA);
    await post("command", { as: ARIANA, channel: dm.id, text: "/convene orgs" });
    const reply = await eventually(async () =>
      (await state(ARIANA, dm.id)).items.filter((i) => i.kind === "ephemeral" && seen(i.html).includes("Member organizations")).at(-1),
    );
    const text = seen(reply.html);
    expect(text).toMatch(/Prospect Schools Network · \d+ people in the workspace/);
    expect(text).toMatch(/City Language Immersion Charter School · \d+ (person|people) in the workspace/);
    expect(text).toContain("Special Education Leader Fellowship National organization · partner");
    // Ariana signed up above, so her organization lists the group she is in.
    expect(text).toMatch(/Prospect Schools[^\n]*In: [^\n]*Trauma-Informed Practices to Support ALL Students/);
  });

  it("shows staff a person's role and why, from `admin person @name`, with the controls to confirm, revoke and make staff", async () => {
    const { dm } = await state(STAFF_ID);
    await post("command", { as: STAFF_ID, channel: dm.id, text: "/convene admin person @gus" });
    const guest = await modalOf(STAFF_ID);
    expect(seen(guest.html)).toContain("@Gus Harper · gus@example.com Guest. No organization has the email domain example.com .");
    expect(seen(guest.html)).toContain("Confirmed as a member of");
    expect(guest.html).toMatch(/<option value="none"[^>]*selected[^>]*>Not confirmed: by email domain or Slack team<\/option>/);
    expect(seen(guest.html)).toContain("Lycée Français de la Nouvelle-Orléans");
    expect(guest.html).toMatch(/type="checkbox"[^>]*value="staff"/);
    expect(seen(guest.html)).toContain("Coalition staff");
    await post("close", { as: STAFF_ID, viewId: guest.id });

    // Someone from Prospect Schools' own workspace, through Slack Connect, with no email.
    await post("command", { as: STAFF_ID, channel: dm.id, text: "/convene admin person @lee" });
    const lee = await modalOf(STAFF_ID);
    expect(seen(lee.html)).toContain(
      "Member. They join from the Slack workspace T0PROSPECT1 , which staff mapped to Prospect Schools , a member organization.",
    );
    await post("close", { as: STAFF_ID, viewId: lee.id });

    // A name no one in the workspace has arrives as typed, and Convene asks who.
    await post("command", { as: STAFF_ID, channel: dm.id, text: "/convene admin person @nobody" });
    const asked = await eventually(async () => (await state(STAFF_ID, dm.id)).items.filter((i) => i.kind === "ephemeral").at(-1));
    expect(seen(asked.html)).toContain("Say who: /convene admin person @name");
  });

  it("shows staff the organization form, empty for a new one and filled for an existing one", async () => {
    const { dm } = await state(STAFF_ID);
    await post("command", { as: STAFF_ID, channel: dm.id, text: "/convene admin org new" });
    const blank = await modalOf(STAFF_ID);
    for (const label of ["New organization", "Name", "Kind", "Standing", "Email domains", "Slack Connect team IDs", "Part of network"])
      expect(seen(blank.html)).toContain(label);
    expect(blank.html).toMatch(/<option value="RESEARCH_CENTER"[^>]*>Research center<\/option>/);
    expect(blank.html).toMatch(/<option value="PARTNER"[^>]*>Partner<\/option>/);
    await post("close", { as: STAFF_ID, viewId: blank.id });

    await post("command", { as: STAFF_ID, channel: dm.id, text: "/convene admin org prospect schools" });
    const edit = await modalOf(STAFF_ID);
    expect(seen(edit.html)).toContain("Edit organization");
    expect(edit.html).toMatch(/value="Prospect Schools"/);
    expect(edit.html).toMatch(/<option value="NETWORK"[^>]*selected/);
    expect(edit.html).toMatch(/value="prospectschools\.org"/);
    expect(edit.html).toMatch(/value="T0PROSPECT1"/);
    await post("close", { as: STAFF_ID, viewId: edit.id });
  });

  it("refuses `admin person` to someone who is not staff, and says why", async () => {
    const { dm } = await state(MAYA);
    await post("command", { as: MAYA, channel: dm.id, text: "/convene admin person @gus" });
    const reply = await eventually(async () => (await state(MAYA, dm.id)).items.filter((i) => i.kind === "ephemeral").at(-1));
    expect(seen(reply.html)).toContain("Only coalition staff can use /convene admin .");
    expect((await state(MAYA)).modal).toBeNull();
  });

  it("moves the clock by an hour and by a day", async () => {
    const at = async () => new Date((await state(GUS)).now).getTime();
    const start = await at();
    await post("clock", { advance: "hour" });
    expect((await at()) - start).toBeGreaterThanOrEqual(3600_000);
    await post("clock", { advance: "day" });
    expect((await at()) - start).toBeGreaterThanOrEqual(25 * 3600_000);
  });

  it("refuses bad requests with a clear 400, and requests from elsewhere", async () => {
    const { dm } = await state(GUS);
    expect(await call("POST", "/api/clock", { advance: "week" })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining('"hour", "day" or "next-reminder"') },
    });
    expect(await call("POST", "/api/command", { channel: dm.id, text: "hi" })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining("as:") },
    });
    expect(await call("POST", "/api/command", { as: "U0NOBODY01", channel: dm.id, text: "hi" })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining("no U0NOBODY01") },
    });
    expect(await call("POST", "/api/command", { as: GUS, channel: dm.id, text: "/giphy cats" })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining("/giphy is not a valid command") },
    });
    const review = (await state(STAFF_ID)).channels.find((c) => c.name === "proposals-review")!;
    expect(await call("POST", "/api/command", { as: GUS, channel: review.id, text: "hello" })).toMatchObject({
      status: 400,
      body: { error: expect.stringContaining("channels you are in") },
    });
    expect(
      await call("POST", "/api/action", { as: GUS, where: { kind: "somewhere" }, actionId: "x", elementType: "button" }),
    ).toMatchObject({ status: 400 });
    expect(await call("POST", "/api/home", "not json", { "content-type": "text/plain" })).toMatchObject({ status: 415 });
    // fetch() will not send another Host header; a plain request will, as a rebound DNS name would.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(new URL("/api/state", sandbox.url), { headers: { host: "attacker.example" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject).end();
    });
    expect(rebound).toBe(403);
  });

  it("lets a guest use Convene but not join a group", async () => {
    const { dm } = await state(GUS);
    await post("command", { as: GUS, channel: dm.id, text: "/convene join got-justice" });
    const modal = await modalOf(GUS);
    expect(seen(modal.html)).toContain("member organizations");
  });
});
