import { readFileSync } from "node:fs";
import { WebClient } from "@slack/web-api";
import path from "node:path";
import { calendarFor } from "../../src/services/calendar-service";
import { importProgramme } from "../../src/services/programme-service";
import { openTestDb, providers, type TestDb } from "../helpers/databases";
import { type ICalComponent, parseICal } from "../helpers/ical";

// Shared feeds never ask Slack (only a personal feed checks its owner's account).
const unusedClient = new WebClient("xoxb-unused", { slackApiUrl: "http://127.0.0.1:9/" });
const cop = readFileSync(path.join(__dirname, "..", "..", "examples", "cop-2021-2022.yaml"), "utf8");
const now = new Date("2021-05-01T12:00:00Z");

const eventsOf = (ics: string) => parseICal(ics).children.filter((c) => c.name === "VEVENT");
const byUid = (events: ICalComponent[]) => new Map(events.map((e) => [e.props.UID!.value, e]));

describe.each(providers)("calendar feeds on %s", (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(provider);
    const result = await importProgramme(t.db, cop, { now });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
  });
  afterAll(() => t.close());

  const programmeToken = async () => (await t.db.programme.findUniqueOrThrow({ where: { slug: "cop-2021-2022" } })).calendarToken;

  it("serves the programme feed at its token: every session and deadline", async () => {
    const feed = (await calendarFor(t.db, unusedClient, await programmeToken()))!;
    expect(feed.filename).toBe("cop-2021-2022.ics");
    const events = eventsOf(feed.ics);
    expect(events).toHaveLength(37 + 3); // every session but the facilitators-only orientation, and the deadlines
    expect(byUid(events).get("session/cop-2021-2022/kickoff@convene")!.props.DTSTART!.value).toBe("20211013T190000Z");
  });

  it("serves a group's feed: its own sessions and those of every group, not other groups'", async () => {
    const group = await t.db.group.findFirstOrThrow({ where: { slug: "got-justice" } });
    const feed = (await calendarFor(t.db, unusedClient, group.calendarToken))!;
    expect(feed.filename).toBe("cop-2021-2022-got-justice.ics");
    const uids = [...byUid(eventsOf(feed.ics)).keys()];
    expect(uids.filter((u) => u.startsWith("session/"))).toHaveLength(8 + 5); // the facilitators-only orientation stays out of shared feeds
    expect(uids.some((u) => u.includes("trauma-informed-sessions"))).toBe(false);
    expect(uids).toContain("session/cop-2021-2022/got-justice-sessions/2021-11-10@convene");
    expect(parseICal(feed.ics).props["X-WR-CALNAME"]!.value).toContain("Got Justice?");
  });

  it("keeps UIDs across re-imports, and a moved session moves with a higher SEQUENCE", async () => {
    const token = await programmeToken();
    const before = byUid(eventsOf((await calendarFor(t.db, unusedClient, token))!.ics));
    await importProgramme(t.db, cop, { now });
    const same = byUid(eventsOf((await calendarFor(t.db, unusedClient, token))!.ics));
    expect([...same.keys()].sort()).toEqual([...before.keys()].sort());

    const moved = cop.replace("    time: 15:00-16:30\n    date: 2021-10-13", "    time: 15:00-16:30\n    date: 2021-10-14");
    await importProgramme(t.db, moved, { now });
    const after = byUid(eventsOf((await calendarFor(t.db, unusedClient, token))!.ics));
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const kickoff = after.get("session/cop-2021-2022/kickoff@convene")!;
    expect(kickoff.props.DTSTART!.value).toBe("20211014T190000Z");
    expect(Number(kickoff.props.SEQUENCE!.value)).toBe(
      Number(before.get("session/cop-2021-2022/kickoff@convene")!.props.SEQUENCE!.value) + 1,
    );
  });

  it("answers nothing for an unknown token", async () => {
    expect(await calendarFor(t.db, unusedClient, "not-a-token")).toBeNull();
  });
});
