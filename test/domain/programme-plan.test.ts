import { parseProgrammeFile, type ProgrammeSpec } from "../../src/domain/programme-file";
import { describePlan, isEmptyPlan, planProgramme } from "../../src/domain/programme-plan";
import { desiredState, type ProgrammeState, specFromState, type StoredState } from "../../src/domain/programme-state";

const file = `slug: demo
name: Demo
kind: working_groups
timezone: America/New_York
announcements: { create: demo-news }
groups:
  - { slug: alpha, name: Alpha }
sessions:
  - key: monthly
    title: Monthly
    group: alpha
    time: 15:00-16:00
    repeat: { every: month, on: second wednesday, from: 2021-10-13, until: 2021-12-08 }
deadlines:
  - { key: due, kind: proposals_due, title: Proposals due, due: 2021-09-30 }
`;

function spec(text: string): ProgrammeSpec {
  const result = parseProgrammeFile(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.programme;
}

/** What the database would hold after applying a state: the same rows, with ids. */
function stored(state: ProgrammeState): StoredState {
  let n = 0;
  const id = <T>(row: T) => ({ ...row, id: `id${++n}` });
  return {
    programme: id(state.programme),
    organizations: state.organizations.map(id),
    groups: state.groups.map((g) => id({ ...g, channelId: g.channelId ?? null, memberCount: 0 })),
    facilitators: state.facilitators.map(id),
    series: state.series.map(id),
    sessions: state.sessions.map(id),
    deadlines: state.deadlines.map(id),
    blackouts: state.blackouts.map(id),
    reminderRules: state.reminderRules.map(id),
  };
}

describe("planning an import", () => {
  const current = stored(desiredState(spec(file)));

  it("plans nothing when the file matches what is stored", () => {
    const plan = planProgramme(desiredState(spec(file)), current);
    expect(isEmptyPlan(plan)).toBe(true);
    expect(describePlan(plan)).toEqual(["No changes: programme demo already matches the file."]);
  });

  it("plans everything as new for a programme not yet stored", () => {
    const empty: StoredState = {
      ...current,
      programme: null,
      groups: [],
      facilitators: [],
      series: [],
      sessions: [],
      deadlines: [],
      blackouts: [],
      reminderRules: [],
    };
    const lines = describePlan(planProgramme(desiredState(spec(file)), empty));
    expect(lines).toEqual([
      "+ programme demo (Demo)",
      "+ group alpha (Alpha)",
      "+ series monthly (Monthly)",
      "+ session monthly/2021-10-13 (Monthly)",
      "+ session monthly/2021-11-10 (Monthly)",
      "+ session monthly/2021-12-08 (Monthly)",
      "+ deadline due (Proposals due)",
      "Programme demo: 7 to create, 0 to update, 0 to delete.",
    ]);
  });

  it("moves one occurrence under its own key and bumps its sequence", () => {
    const moved = file.replace("until: 2021-12-08 }\n", "until: 2021-12-08 }\n    changes:\n      2021-11-10: { date: 2021-11-17 }\n");
    const plan = planProgramme(desiredState(spec(moved)), current);
    expect(plan.sessions).toHaveLength(1);
    const [change] = plan.sessions;
    expect(change).toMatchObject({ action: "update", key: "monthly/2021-11-10", fields: ["localStart", "startsAt", "endsAt"] });
    expect(change!.action === "update" && [change!.before.sequence, change!.after.sequence]).toEqual([0, 1]);
    expect(describePlan(plan)[0]).toBe('~ session monthly/2021-11-10: localStart: "2021-11-10T15:00" -> "2021-11-17T15:00" (sequence 1)');
  });

  it("deletes occurrences a shorter rule no longer gives, and updates the series", () => {
    const shorter = file.replace("until: 2021-12-08", "until: 2021-11-30");
    const lines = describePlan(planProgramme(desiredState(spec(shorter)), current));
    expect(lines).toEqual([
      '~ series monthly: rule: "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=+2WE;UNTIL=20211208" -> "RRULE:FREQ=MONTHLY;INTERVAL=1;BYDAY=+2WE;UNTIL=20211130"',
      "- session monthly/2021-12-08 (Monthly)",
      "Programme demo: 0 to create, 1 to update, 1 to delete.",
    ]);
  });

  it("keeps sessions made in Slack, which no file names, and still deletes the file's own", () => {
    const once = current.sessions[0]!;
    const withSlacks: StoredState = {
      ...current,
      sessions: [
        ...current.sessions,
        { ...once, id: "s-staff", key: "staff-0123456789ab", series: null },
        { ...once, id: "s-event", key: "event-cmwzse2qb000bhm7da6mq1rxo", series: null },
      ],
    };
    const shorter = file.replace("until: 2021-12-08", "until: 2021-11-30");
    expect(planProgramme(desiredState(spec(shorter)), withSlacks).sessions.map((c) => `${c.action} ${c.key}`)).toEqual([
      "delete monthly/2021-12-08",
    ]);
  });

  it("bumps a moved deadline's sequence, so calendars take the new date", () => {
    const plan = planProgramme(desiredState(spec(file.replace("due: 2021-09-30", "due: 2021-10-07"))), current);
    expect(plan.deadlines).toMatchObject([{ action: "update", key: "due", fields: ["localDue", "dueAt"] }]);
    const [change] = plan.deadlines;
    expect(change!.action === "update" && [change!.before.sequence, change!.after.sequence]).toEqual([0, 1]);
  });

  it("keeps the programme's derived deadline instants in step with the timeline", () => {
    const later = file.replace("due: 2021-09-30", 'due: "2021-10-01 17:00"');
    const plan = planProgramme(desiredState(spec(later)), current);
    expect(plan.programme).toMatchObject({ action: "update", fields: ["proposalsDueAt"] });
    expect(plan.programme!.action === "update" && plan.programme!.after.proposalsDueAt?.toISOString()).toBe("2021-10-01T21:00:00.000Z");
  });
});

describe("reminders with nowhere to go", () => {
  const current = stored(desiredState(spec(file)));
  const noChannel = file.replace("announcements: { create: demo-news }\n", "");
  const warning = (n: number) =>
    `Warning: ${n} reminder rules post to announcements, but the programme has no announcements channel: add \`announcements:\` (e.g. announcements: { create: demo-announcements }).`;

  it("warns that a file's rules post to announcements while the programme has no announcements channel", () => {
    const rules = `${noChannel}reminders:\n  - { for: deadline, before: 7d, to: announcements }\n  - { for: deadline, before: 1d, to: announcements }\n`;
    const plan = planProgramme(desiredState(spec(rules)), { ...current, programme: null });
    expect(plan.problems).toEqual([]);
    expect(describePlan(plan).at(-1)).toBe(warning(2));
  });

  it("counts the default deadline reminders, and says nothing once the file names a channel or one is linked", () => {
    expect(describePlan(planProgramme(desiredState(spec(noChannel)), current)).at(-1)).toBe(warning(3));
    expect(planProgramme(desiredState(spec(file)), current).warnings).toEqual([]);
    const linked = { ...current, programme: { ...current.programme!, announcementChannelName: null, announcementChannelId: "C0NEWS" } };
    expect(planProgramme(desiredState(spec(noChannel)), linked).warnings).toEqual([]);
  });
});

describe("reading a programme back from its rows", () => {
  it("gives back the spec, a rule starting before its first date and moved occurrences included", () => {
    const original = spec(
      file
        .replace("from: 2021-10-13", "from: 2021-10-01")
        .replace(
          "until: 2021-12-08 }\n",
          "until: 2021-12-08 }\n    changes:\n      2021-11-10: { date: 2021-11-17, time: 16:00-17:30 }\n      2021-12-08: { cancelled: true }\n",
        ),
    );
    expect(specFromState(desiredState(original))).toEqual(original);
  });

  it("gives back the announcements channel and a facilitators-only session", () => {
    const original = spec(
      file
        .replace("announcements: { create: demo-news }", "announcements: { link: C0NEWS01 }")
        .replace(
          "sessions:\n",
          "sessions:\n  - { key: orientation, title: Orientation, audience: facilitators, time: 13:00-14:30, date: 2021-07-08 }\n",
        ),
    );
    expect(original.announcements).toEqual({ link: "C0NEWS01" });
    expect(original.sessions.find((s) => s.key === "orientation")?.audience).toBe("FACILITATORS");
    expect(specFromState(desiredState(original))).toEqual(original);
  });
});
