/**
 * The participation report for staff: totals, then member organizations and groups, each capped
 * at a screenful with the rest named in the CSV files that go to the reader's DM. Stays well
 * within a modal's 100 blocks and a section's 3,000 characters whatever the programme's size. Pure.
 */
import type { KnownBlock, ModalView } from "@slack/types";
import { type GroupFigures, type OrganizationFigures, type ParticipationReport, percent } from "../domain/participation-report";
import { escapeMrkdwn } from "./message";
import { contextLine, modal, mrkdwnSection } from "./modal-kit";
import { REPORT_FILES } from "./report-csv";
import { slackDate } from "./slack-date";

export const REPORT_TITLE = "Participation report";
/** Rows shown per list; the CSV files have every one. */
export const REPORT_ROWS = 15;
/** Sessions listed per group. */
const SESSIONS_SHOWN = 10;
const SECTION_MAX = 2900;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
const attendance = (a: { attended: number; recorded: number; rate: number | null }) =>
  a.recorded === 0
    ? "no attendance recorded"
    : `attended ${a.attended.toLocaleString("en-US")} of ${a.recorded.toLocaleString("en-US")} (${percent(a.rate)})`;

function organizationLine(o: OrganizationFigures): string {
  const standing = o.standing && o.standing !== "member" ? ` _(${o.standing})_` : "";
  return `• *${escapeMrkdwn(o.name)}*${standing} · ${plural(o.people, "person", "people")} in ${plural(o.groups, "group")} · ${attendance(o)} · ${plural(o.deliverables, "deliverable")} · ${plural(o.proposals, "proposal")}`;
}

function groupLine(g: GroupFigures): string {
  const places = g.capacity === null ? plural(g.members, "member") : `${g.members} of ${g.capacity} places taken`;
  const each = g.sessions.slice(0, SESSIONS_SHOWN).map((s) => (s.recorded === 0 ? "–" : String(s.attended)));
  const sessions = g.sessions.length
    ? `\n    ${plural(g.sessions.length, "session")} held · ${attendance(g)} · said going ${g.going}, can't make it ${g.notGoing} · each session: ${each.join(" · ")}${g.sessions.length > SESSIONS_SHOWN ? " · …" : ""}`
    : "\n    no sessions held yet";
  return `• *${escapeMrkdwn(g.name)}* · ${places} · ${g.waitlisted} waitlisted${sessions}`;
}

/** Lines packed into as few sections as fit. */
function packed(lines: readonly string[]): KnownBlock[] {
  const sections: string[] = [];
  for (const line of lines) {
    const last = sections.at(-1);
    if (last !== undefined && last.length + line.length + 1 <= SECTION_MAX) sections[sections.length - 1] = `${last}\n${line}`;
    else sections.push(line);
  }
  return sections.map(mrkdwnSection);
}

function list<T>(heading: string, items: readonly T[], line: (item: T) => string, file: string, empty: string): KnownBlock[] {
  const blocks = packed([heading, ...(items.length ? items.slice(0, REPORT_ROWS).map(line) : [`_${empty}_`])]);
  if (items.length > REPORT_ROWS)
    blocks.push(contextLine(`and ${(items.length - REPORT_ROWS).toLocaleString("en-US")} more — see ${file} in your DM with Convene.`));
  return blocks;
}

export function reportModal(r: ParticipationReport, opts: { zone: string; filesSent?: boolean }): ModalView {
  const t = r.totals;
  const fields = [
    `*People signed up*\n${t.people.toLocaleString("en-US")}`,
    `*Member organizations taking part*\n${t.organizations.toLocaleString("en-US")}`,
    `*Groups*\n${t.groups.toLocaleString("en-US")} · ${t.waitlisted.toLocaleString("en-US")} waitlisted`,
    `*Sessions held*\n${t.sessionsHeld.toLocaleString("en-US")}`,
    `*Attendance*\n${t.recorded === 0 ? "none recorded yet" : `${t.attended.toLocaleString("en-US")} of ${t.recorded.toLocaleString("en-US")} (${percent(t.rate)})`}`,
    `*Said going*\n${t.going.toLocaleString("en-US")}`,
    `*Deliverables*\n${t.deliverables.toLocaleString("en-US")}`,
    `*Proposals*\n${t.proposals.toLocaleString("en-US")}`,
  ];
  const blocks: KnownBlock[] = [
    mrkdwnSection(`*${escapeMrkdwn(r.programme.name)}* · the year so far, to ${slackDate(r.asOf, "{date_short}", opts.zone)}`),
    { type: "section", fields: fields.map((text) => ({ type: "mrkdwn", text })) },
    { type: "divider" },
    ...list(
      `*By member organization (${r.organizations.length})*, most people first`,
      r.organizations,
      organizationLine,
      REPORT_FILES.participation,
      "No organization takes part yet.",
    ),
    { type: "divider" },
    ...list(
      `*By group (${r.groups.length})*, most attended first`,
      r.groups,
      groupLine,
      REPORT_FILES.groups,
      "The programme has no groups yet.",
    ),
    contextLine(
      opts.filesSent
        ? ":white_check_mark: Charts and CSV files (attendance, participation by organization, groups, proposals with scores) are in your DM with Convene."
        : ":inbox_tray: Charts and CSV files (attendance, participation by organization, groups, proposals with scores) are on their way to your DM with Convene.",
    ),
  ];
  return modal({ title: REPORT_TITLE, blocks });
}
