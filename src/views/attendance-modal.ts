/**
 * A facilitator (or staff) records who attended a session: the group's active members as
 * checkboxes, checked as recorded before or, the first time, as they answered Going. Pure.
 */
import type { Checkboxes, InputBlock, ModalView, PlainTextOption } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { contextLine, input, messageModal, modal, mrkdwnSection, parseModal, type Parsed, plain, type StateValues } from "./modal-kit";
import { slackDate } from "./slack-date";

export const ATTENDANCE_CALLBACK = "attendance_record";
export const ATTENDANCE_TITLE = "Record attendance";
/** Slack allows 10 checkboxes per element: the roster is split over blocks `attendance_members_0`, `_1`, ... */
export const ATTENDANCE_BLOCK_PREFIX = "attendance_members_";
export const attendanceBlockId = (part: number) => `${ATTENDANCE_BLOCK_PREFIX}${part}`;
export const attendanceActionId = (part: number) => `attended_${part}`;
const PER_BLOCK = 10;
/** Blocks a modal may hold (100), less the few around the checkboxes. */
const MAX_CHECKBOX_BLOCKS = 95;

export interface AttendanceSessionView {
  id: string;
  title: string;
  groupName: string;
  startsAt: Date;
  /** The reader's zone, for the fallback text of the date token. */
  zone: string;
}

export interface AttendanceMember {
  personId: string;
  name: string;
  rsvp: "GOING" | "NOT_GOING" | null;
  attended: boolean | null;
}

export interface AttendanceForm {
  session: AttendanceSessionView;
  roster: readonly AttendanceMember[];
  /** When attendance was recorded before, and by whom. */
  recorded: { at: Date; byName: string } | null;
}

const heading = (s: AttendanceSessionView) =>
  `*${escapeMrkdwn(s.title)}* · ${escapeMrkdwn(s.groupName)}\n${slackDate(s.startsAt, "{date_long_pretty} at {time}", s.zone)}`;

const memberOption = (m: AttendanceMember): PlainTextOption => ({
  text: plain(m.name, 75),
  value: m.personId,
  ...(m.rsvp ? { description: plain(m.rsvp === "GOING" ? "Said they were going" : "Said they could not make it", 75) } : {}),
});

/** The roster's largest part that fits one modal; the service records only these members. */
export const rosterShown = <T>(roster: readonly T[]) => roster.slice(0, PER_BLOCK * MAX_CHECKBOX_BLOCKS);

export function attendanceModal(form: AttendanceForm): ModalView {
  const { session } = form;
  const roster = rosterShown(form.roster);
  if (roster.length === 0) {
    return messageModal(
      ATTENDANCE_TITLE,
      `${heading(session)}\n\nNobody is signed up for ${escapeMrkdwn(session.groupName)}, so there is no attendance to record.`,
    );
  }
  const checked = (m: AttendanceMember) => (form.recorded ? m.attended === true : m.rsvp === "GOING");
  const going = roster.filter((m) => m.rsvp === "GOING").length;
  const note = form.recorded
    ? `Recorded ${slackDate(form.recorded.at, "{date_short_pretty} at {time}", session.zone)} by ${escapeMrkdwn(form.recorded.byName)}. Saving again corrects it.`
    : going > 0
      ? `Checked: the ${going === 1 ? "member who" : `${going} members who`} said they were going. Uncheck anyone who did not come, and check anyone who did.`
      : "Check everyone who came.";
  const blocks: InputBlock[] = [];
  for (let i = 0; i < roster.length; i += PER_BLOCK) {
    const part = roster.slice(i, i + PER_BLOCK);
    const initial = part.filter(checked).map(memberOption);
    const element: Checkboxes = {
      type: "checkboxes",
      action_id: attendanceActionId(i / PER_BLOCK),
      options: part.map(memberOption),
      ...(initial.length ? { initial_options: initial } : {}),
    };
    const label = roster.length <= PER_BLOCK ? "Who attended?" : `Who attended? (${i + 1}–${i + part.length} of ${roster.length})`;
    blocks.push(input(attendanceBlockId(i / PER_BLOCK), label, element, { optional: true }));
  }
  return modal({
    callbackId: ATTENDANCE_CALLBACK,
    title: ATTENDANCE_TITLE,
    submit: "Save",
    blocks: [mrkdwnSection(heading(session)), contextLine(note), ...blocks],
    privateMetadata: JSON.stringify({ sessionId: session.id }),
  });
}

const ticked = z.array(z.string().min(1).max(64), { error: "Tick members from the list." }).optional();

/** The person ids ticked, across every checkbox block. */
export function parseAttendanceModal(values: StateValues): Parsed<{ attended: string[] }> {
  const ours = Object.fromEntries(Object.entries(values).filter(([blockId]) => blockId.startsWith(ATTENDANCE_BLOCK_PREFIX)));
  const schema = z.object(Object.fromEntries(Object.keys(ours).map((blockId) => [blockId, ticked])));
  const parsed = parseModal(schema, ours);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    value: { attended: [...new Set(Object.values(parsed.value as Record<string, string[] | undefined>).flatMap((ids) => ids ?? []))] },
  };
}

export function attendanceRecordedModal(r: { title: string; attended: number; total: number }): ModalView {
  return messageModal(
    ATTENDANCE_TITLE,
    `:white_check_mark: Attendance for *${escapeMrkdwn(r.title)}* is recorded: ${r.attended} of ${r.total} member${r.total === 1 ? "" : "s"} attended.\nTo correct it, click *Record attendance* again.`,
  );
}
