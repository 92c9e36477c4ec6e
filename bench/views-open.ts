/**
 * From a signed `/convene ...` request arriving to the `views.open` call reaching Slack, with
 * 10,000 groups stored: the time a person waits for a form, and the time Convene has before the
 * 3-second trigger id expires. Both ends are clocked in this process (the local Slack runs here),
 * so no clocks need agreeing. Requests go one at a time, each command for a bounded time; how
 * long the ack took is reported beside it, since Slack shows an error after 3 seconds even when
 * the modal opened, and so is the time until a modal opened in its loading state was filled in
 * (`views.update`), which is when the person can use it.
 */
import { APP_RESPONSE_DEADLINE_MS, formEncode, type LocalSlack, slashCommandFields } from "../src/local-slack";
import { groupName, seedGroups, seedProgramme } from "./seed";
import { type Figure, log, percentile, round, type RunningProcess, sqliteDb, underBound } from "./support";

const GROUPS = 10_000;
const MAX_REQUESTS = 100;
const BUDGET_MS = 15_000;
const BOUND_MS = 150;

interface Command {
  label: string;
  userId: string;
  text(n: number): string;
}

export async function measureViewsOpen(slack: LocalSlack, convene: RunningProcess, databaseUrl: string): Promise<Figure[]> {
  log(`views.open: storing ${GROUPS.toLocaleString("en-US")} groups`);
  const seeded = await sqliteDb({ url: databaseUrl, remove: () => undefined });
  const programmeId = await seedProgramme(seeded.db, new Date());
  await seedGroups(seeded, programmeId, GROUPS);
  await seeded.db.organization.create({
    data: { name: "Views Bench Schools", nameKey: "views bench schools", domains: { create: [{ domain: "viewsbench.org" }] } },
  });
  const member = slack.addUser({ name: "member", email: "member@viewsbench.org", tz: "America/Chicago" }).id;
  const staff = slack.addUser({ name: "staff", email: "staff@viewsbench.org", tz: "America/Chicago" }).id;
  await seeded.db.person.create({ data: { slackUserId: staff, name: "Staff member", isStaff: true, timezone: "America/Chicago" } });
  const stored = await seeded.db.group.count();
  await seeded.db.$disconnect();
  slack.appRequestUrl = `http://127.0.0.1:${convene.port}/slack/events`;

  const commands: Command[] = [
    { label: "/convene join <group name>", userId: member, text: (n) => `join ${groupName((n * 7919) % GROUPS)}` },
    { label: "/convene propose", userId: member, text: () => "propose" },
    { label: "/convene submit topic", userId: member, text: () => "submit topic" },
    { label: "/convene admin (staff)", userId: staff, text: () => "admin" },
    // It opens at once in a loading state, then lists the groups taking sign-ups.
    { label: "/convene join", userId: member, text: () => "join" },
  ];
  const figures: Figure[] = [];
  for (const command of commands) {
    log(`views.open: ${command.label}, up to ${MAX_REQUESTS} requests in ${BUDGET_MS / 1000} s, one at a time`);
    const waits: number[] = [];
    const filled: number[] = [];
    const acks: number[] = [];
    /** What each request ended up showing, by callback_id: a form, or a message such as a refusal. */
    const shown: Record<string, number> = {};
    let missing = 0;
    const until = Date.now() + BUDGET_MS;
    let sent = 0;
    for (; sent < MAX_REQUESTS && Date.now() < until; sent++) {
      const triggerId = slack.issueTriggerId(command.userId);
      const body = formEncode(
        slashCommandFields({
          actor: { userId: command.userId, userName: "bench", teamId: slack.teamId, teamDomain: slack.teamDomain, apiAppId: slack.appId },
          command: "/convene",
          text: command.text(sent),
          channelId: "DBENCH02",
          channelName: "directmessage",
          triggerId,
          responseUrl: `${slack.baseUrl}response-url/bench`,
        }),
      );
      const at = Date.now();
      const res = await slack
        .postToApp(body, { contentType: "application/x-www-form-urlencoded", timeoutMs: 60_000 })
        .catch(() => undefined);
      acks.push(res ? res.durationMs : Infinity);
      const opened = slack.calls.find((c) => c.method === "views.open" && c.args.trigger_id === triggerId);
      if (!opened) {
        missing++;
        continue;
      }
      waits.push(opened.at - at);
      const viewId = (opened.response as { view?: { id?: string } } | undefined)?.view?.id;
      const update = viewId && slack.calls.find((c) => c.method === "views.update" && c.args.view_id === viewId);
      if (update) filled.push(update.at - at);
      const view = ((update || opened).args.view ?? {}) as { callback_id?: string };
      const form = view.callback_id ?? "(a message, no form)";
      shown[form] = (shown[form] ?? 0) + 1;
    }
    const late = acks.filter((ms) => ms > APP_RESPONSE_DEADLINE_MS).length;
    const problems = [
      missing && `${missing} of ${sent} opened no view`,
      shown["(a message, no form)"] && `${shown["(a message, no form)"]} of ${sent} showed a message instead of the form`,
      late && `${late} of ${sent} acked after Slack's 3 s (ack p50 ${round(percentile(acks, 50) / 1000, 1)} s)`,
    ].filter(Boolean);
    figures.push(
      underBound(
        `request to views.open, p99, ${command.label}, ${stored.toLocaleString("en-US")} groups`,
        "ms",
        waits.length ? round(percentile(waits, 99)) : null,
        BOUND_MS,
        {
          detail: {
            p50: round(percentile(waits, 50)),
            max: Math.max(...waits),
            requests: sent,
            withoutViewsOpen: missing,
            shown,
            ...(filled.length ? { filledP50Ms: round(percentile(filled, 50)), filledP99Ms: round(percentile(filled, 99)) } : {}),
            ackP50Ms: round(percentile(acks, 50)),
            ackP99Ms: round(percentile(acks, 99)),
            acksAfter3s: late,
          },
          ...(problems.length ? { note: problems.join("; ") } : {}),
        },
      ),
    );
  }
  return figures;
}
