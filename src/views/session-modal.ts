/**
 * Staff's form to schedule or edit a session: for a group or the whole programme, its title, the
 * local date and time in a chosen zone, length, format, place and link. Its parser maps every
 * problem to the field it concerns. Pure.
 */
import { webLink } from "../domain/web-link";
import type { KnownBlock, ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { contextLine, input, modal, option, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const SESSION_MODAL_CALLBACK = "admin_session";

export const SESSION_BLOCKS = {
  scope: "session_scope",
  title: "session_title",
  date: "session_date",
  time: "session_time",
  duration: "session_duration",
  timezone: "session_timezone",
  format: "session_format",
  location: "session_location",
  meetingUrl: "session_meeting_url",
  description: "session_description",
} as const;

/** Zones offered besides the programme's own: the coalition's members are mostly in the US. */
const COMMON_ZONES = [
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Puerto_Rico",
  "Europe/London",
  "UTC",
];

/** Where a new session goes: `programme:<id>` (everyone in it), `facilitators:<id>` (its facilitators only) or `group:<id>`. */
export interface ScopeOption {
  value: string;
  label: string;
}

export interface SessionModalInput {
  /** Absent to schedule a new session. */
  session?: {
    id: string;
    title: string;
    scopeLabel: string;
    localStart: string; // YYYY-MM-DDTHH:mm
    timezone: string;
    durationMinutes: number;
    format: "VIRTUAL" | "IN_PERSON";
    location: string | null;
    meetingUrl: string | null;
    description: string | null;
  };
  scopes: readonly ScopeOption[];
  /** Preselected scope for a new session. */
  scope?: string;
  /** Zones to offer first: the programmes'. */
  zones: readonly string[];
  defaultZone: string;
}

const FORMATS = [option("Online", "VIRTUAL"), option("In person", "IN_PERSON")];

export function sessionModal(inputData: SessionModalInput): ModalView {
  const { session } = inputData;
  const blocks: KnownBlock[] = [];
  if (session) {
    blocks.push(contextLine(`For ${escapeMrkdwn(session.scopeLabel)}. Everyone already reminded hears about the change.`));
  } else {
    const scopes = inputData.scopes.slice(0, 100).map((s) => option(s.label, s.value));
    const initial = scopes.find((o) => o.value === inputData.scope);
    blocks.push(
      input(SESSION_BLOCKS.scope, "For", {
        type: "static_select",
        action_id: "scope",
        options: scopes,
        ...(initial && { initial_option: initial }),
      }),
    );
  }
  const zone = session?.timezone ?? inputData.defaultZone;
  const zones = [...new Set([zone, ...inputData.zones, ...COMMON_ZONES])].slice(0, 100).map((z) => option(z.replace(/_/g, " "), z));
  blocks.push(
    input(SESSION_BLOCKS.title, "Title", {
      type: "plain_text_input",
      action_id: "title",
      max_length: 150,
      ...(session && { initial_value: session.title }),
    }),
    input(SESSION_BLOCKS.date, "Date", {
      type: "datepicker",
      action_id: "date",
      ...(session && { initial_date: session.localStart.slice(0, 10) }),
    }),
    input(SESSION_BLOCKS.time, "Starts at", {
      type: "timepicker",
      action_id: "time",
      ...(session && { initial_time: session.localStart.slice(11, 16) }),
    }),
    input(SESSION_BLOCKS.duration, "Length in minutes", {
      type: "number_input",
      action_id: "duration",
      is_decimal_allowed: false,
      min_value: "5",
      max_value: "720",
      initial_value: String(session?.durationMinutes ?? 60),
    }),
    input(SESSION_BLOCKS.timezone, "Time zone of the date and time", {
      type: "static_select",
      action_id: "timezone",
      options: zones,
      initial_option: zones.find((o) => o.value === zone)!,
    }),
    input(SESSION_BLOCKS.format, "Format", {
      type: "radio_buttons",
      action_id: "format",
      options: FORMATS,
      initial_option: FORMATS.find((o) => o.value === (session?.format ?? "VIRTUAL"))!,
    }),
    input(
      SESSION_BLOCKS.location,
      "Location",
      { type: "plain_text_input", action_id: "location", max_length: 300, ...(session?.location && { initial_value: session.location }) },
      { optional: true, hint: "Needed for an in-person session." },
    ),
    input(
      SESSION_BLOCKS.meetingUrl,
      "Meeting link",
      { type: "url_text_input", action_id: "meeting_url", ...(session?.meetingUrl && { initial_value: session.meetingUrl }) },
      { optional: true },
    ),
    input(
      SESSION_BLOCKS.description,
      "Description or agenda",
      {
        type: "plain_text_input",
        action_id: "description",
        multiline: true,
        max_length: 3000,
        ...(session?.description && { initial_value: session.description }),
      },
      { optional: true },
    ),
  );
  return modal({
    callbackId: SESSION_MODAL_CALLBACK,
    title: session ? "Edit session" : "New session",
    submit: session ? "Save" : "Schedule",
    blocks,
    privateMetadata: JSON.stringify(session ? { sessionId: session.id } : {}),
  });
}

const schema = z
  .object({
    [SESSION_BLOCKS.scope]: z
      .string()
      .regex(/^(programme|facilitators|group):\S+$/, "Choose a group or the whole programme.")
      .optional(),
    [SESSION_BLOCKS.title]: z.string({ error: "Give the session a title." }).trim().min(3, "Use at least 3 characters.").max(150),
    [SESSION_BLOCKS.date]: z.string({ error: "Pick the date." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the date."),
    [SESSION_BLOCKS.time]: z.string({ error: "Pick the start time." }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Pick the start time."),
    [SESSION_BLOCKS.duration]: z
      .string({ error: "Say how long it lasts." })
      .regex(/^\d+$/, "Enter whole minutes.")
      .transform(Number)
      .refine((n) => n >= 5 && n <= 720, "Between 5 and 720 minutes."),
    [SESSION_BLOCKS.timezone]: z.string({ error: "Choose the time zone." }),
    [SESSION_BLOCKS.format]: z.enum(["VIRTUAL", "IN_PERSON"], { error: "Choose online or in person." }),
    [SESSION_BLOCKS.location]: z.string().max(300).optional(),
    [SESSION_BLOCKS.meetingUrl]: webLink("The meeting link").optional(),
    [SESSION_BLOCKS.description]: z.string().max(3000).optional(),
  })
  .refine((v) => v[SESSION_BLOCKS.format] !== "IN_PERSON" || v[SESSION_BLOCKS.location], {
    path: [SESSION_BLOCKS.location],
    message: "Say where an in-person session takes place.",
  });

export interface SessionForm {
  /** `programme:<id>`, `facilitators:<id>` or `group:<id>`; null when editing. */
  scope: string | null;
  title: string;
  localStart: string;
  durationMinutes: number;
  timezone: string;
  format: "VIRTUAL" | "IN_PERSON";
  location: string | null;
  meetingUrl: string | null;
  description: string | null;
}

export function parseSessionModal(values: StateValues, opts: { creating: boolean }): Parsed<SessionForm> {
  const parsed = parseModal(
    schema.refine((v) => !opts.creating || v[SESSION_BLOCKS.scope], {
      path: [SESSION_BLOCKS.scope],
      message: "Choose a group or the whole programme.",
    }),
    values,
  );
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return {
    ok: true,
    value: {
      scope: v[SESSION_BLOCKS.scope] ?? null,
      title: v[SESSION_BLOCKS.title],
      localStart: `${v[SESSION_BLOCKS.date]}T${v[SESSION_BLOCKS.time]}`,
      durationMinutes: v[SESSION_BLOCKS.duration],
      timezone: v[SESSION_BLOCKS.timezone],
      format: v[SESSION_BLOCKS.format],
      location: v[SESSION_BLOCKS.location] ?? null,
      meetingUrl: v[SESSION_BLOCKS.meetingUrl] ?? null,
      description: v[SESSION_BLOCKS.description] ?? null,
    },
  };
}
