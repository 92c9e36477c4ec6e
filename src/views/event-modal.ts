/** The modal in which a member proposes an event they host, for staff to put on the calendar. */
import { webLink } from "../domain/web-link";
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { input, messageModal, modal, option, parseModal, type Parsed, plain, type StateValues } from "./modal-kit";

export const EVENT_CALLBACK = "event_submission";
export const EVENT_TITLE = "Host an event";
/** Block ids double as the field names the submission service reports problems against. */
export const EVENT_BLOCKS = {
  programme: "programme",
  title: "title",
  description: "description",
  date: "date",
  time: "time",
  duration: "duration",
  format: "format",
  location: "location",
  link: "link",
} as const;
export const EVENT_ACTIONS = {
  programme: "event_programme",
  title: "event_title",
  description: "event_description",
  date: "event_date",
  time: "event_time",
  duration: "event_duration",
  format: "event_format",
  location: "event_location",
  link: "event_link",
} as const;

const DURATIONS = [30, 45, 60, 90, 120, 180, 240, 480] as const;
const durationLabel = (m: number) =>
  m < 60 ? `${m} minutes` : m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m / 60} hour${m === 60 ? "" : "s"}`;

export interface EventFormInput {
  programmes: readonly { id: string; name: string }[];
  /** The submitter's zone: the date and time they pick are in it. */
  zone: string;
}

export function eventModal(form: EventFormInput): ModalView {
  const [only] = form.programmes.length === 1 ? form.programmes : [];
  return modal({
    callbackId: EVENT_CALLBACK,
    title: EVENT_TITLE,
    submit: "Submit",
    privateMetadata: JSON.stringify({ zone: form.zone }),
    blocks: [
      input(EVENT_BLOCKS.programme, "Programme", {
        type: "static_select",
        action_id: EVENT_ACTIONS.programme,
        options: form.programmes.slice(0, 100).map((p) => option(p.name, p.id)),
        ...(only ? { initial_option: option(only.name, only.id) } : {}),
      }),
      input(EVENT_BLOCKS.title, "Event title", { type: "plain_text_input", action_id: EVENT_ACTIONS.title, max_length: 150 }),
      input(EVENT_BLOCKS.description, "What will happen, and who is it for?", {
        type: "plain_text_input",
        action_id: EVENT_ACTIONS.description,
        multiline: true,
        max_length: 2000,
      }),
      input(EVENT_BLOCKS.date, "Date", { type: "datepicker", action_id: EVENT_ACTIONS.date }),
      input(
        EVENT_BLOCKS.time,
        "Start time",
        { type: "timepicker", action_id: EVENT_ACTIONS.time },
        { hint: `In your time zone, ${form.zone}. Everyone else sees it in theirs.` },
      ),
      input(EVENT_BLOCKS.duration, "Length", {
        type: "static_select",
        action_id: EVENT_ACTIONS.duration,
        options: DURATIONS.map((m) => option(durationLabel(m), String(m))),
        initial_option: option(durationLabel(60), "60"),
      }),
      input(EVENT_BLOCKS.format, "Format", {
        type: "radio_buttons",
        action_id: EVENT_ACTIONS.format,
        options: [option("Virtual", "VIRTUAL"), option("In person", "IN_PERSON")],
        initial_option: option("Virtual", "VIRTUAL"),
      }),
      input(
        EVENT_BLOCKS.location,
        "Place",
        {
          type: "plain_text_input",
          action_id: EVENT_ACTIONS.location,
          max_length: 200,
          placeholder: plain("Address, for an in-person event", 150),
        },
        { optional: true },
      ),
      input(
        EVENT_BLOCKS.link,
        "Meeting or registration link",
        { type: "url_text_input", action_id: EVENT_ACTIONS.link },
        { optional: true },
      ),
    ],
  });
}

const eventSchema = z
  .object({
    programme: z.string({ error: "Choose the programme the event belongs to." }),
    title: z.string({ error: "Give the event a title." }).max(150, "Keep the title under 150 characters."),
    description: z.string({ error: "Describe the event in a sentence or two." }).max(2000, "Keep the description under 2,000 characters."),
    date: z.string({ error: "Pick the date of the event." }).regex(/^\d{4}-\d{2}-\d{2}$/, "Pick the date of the event."),
    time: z.string({ error: "Pick the time the event starts." }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Pick the time the event starts."),
    duration: z.coerce
      .number({ error: "Choose how long the event lasts." })
      .refine((m) => (DURATIONS as readonly number[]).includes(m), "Choose how long the event lasts."),
    format: z.enum(["VIRTUAL", "IN_PERSON"], { error: "Choose virtual or in person." }),
    location: z.string().max(200, "Keep the place under 200 characters.").optional(),
    link: webLink().optional(),
    zone: z.string().min(1),
  })
  .refine((e) => e.format === "VIRTUAL" || e.location, { path: ["location"], message: "Say where an in-person event takes place." });

export type EventSubmission = z.infer<typeof eventSchema>;

const metadataSchema = z.object({ zone: z.string().min(1) });

/** The zone comes from the modal's metadata; a tampered one is caught by the service's zone check. */
export function parseEvent(values: StateValues, privateMetadata: string | undefined, fallbackZone: string): Parsed<EventSubmission> {
  let zone = fallbackZone;
  try {
    zone = metadataSchema.parse(JSON.parse(privateMetadata ?? "")).zone;
  } catch {
    // Keep the fallback.
  }
  return parseModal(eventSchema, values, { zone });
}

export const eventSubmittedModal = (title: string) =>
  messageModal(
    EVENT_TITLE,
    `:raised_hands: Thanks! *${escapeMrkdwn(title)}* is with coalition staff. Convene will message you when they have decided, and approved events go on the calendar for everyone.`,
  );
