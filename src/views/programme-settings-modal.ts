/**
 * Staff's "Programme settings" form, from `/convene admin`: where the programme's announcements
 * (deadline reminders, sessions for everyone) go. Link a channel, or name one for Convene to
 * create; `/convene admin announcements` does the same from the command line. Pure.
 */
import type { ModalView } from "@slack/types";
import { z } from "zod";
import { escapeMrkdwn } from "./message";
import { contextLine, input, modal, mrkdwnSection, parseModal, type Parsed, type StateValues } from "./modal-kit";

export const PROGRAMME_SETTINGS_CALLBACK = "admin_programme_settings";
export const PROGRAMME_SETTINGS_BLOCKS = { link: "programme_announcements_link", create: "programme_announcements_create" } as const;
const B = PROGRAMME_SETTINGS_BLOCKS;

export interface ProgrammeSettings {
  slug: string;
  name: string;
  announcementChannelId: string | null;
  /** The name asked for (`create`) while no channel is linked yet. */
  announcementChannelName: string | null;
}

export function programmeSettingsModal(p: ProgrammeSettings): ModalView {
  const now = p.announcementChannelId
    ? `Announcements go to <#${p.announcementChannelId}>.`
    : p.announcementChannelName
      ? `Convene is to create #${escapeMrkdwn(p.announcementChannelName)} for the announcements.`
      : ":warning: No announcements channel yet: deadline reminders and reminders for sessions of the whole programme are not sent.";
  return modal({
    callbackId: PROGRAMME_SETTINGS_CALLBACK,
    title: "Programme settings",
    submit: "Save",
    privateMetadata: JSON.stringify({ slug: p.slug }),
    blocks: [
      mrkdwnSection(`*${escapeMrkdwn(p.name)}*\n${now}`),
      input(
        B.link,
        "Announcements channel",
        {
          type: "conversations_select",
          action_id: "channel",
          filter: { include: ["public"], exclude_bot_users: true },
          placeholder: { type: "plain_text", text: "Pick a channel…" },
          ...(p.announcementChannelId && { initial_conversation: p.announcementChannelId }),
        },
        { optional: true, hint: "Convene joins it, sets its topic and purpose, and pins a welcome saying what is posted there." },
      ),
      input(
        B.create,
        "Or create a channel named",
        {
          type: "plain_text_input",
          action_id: "name",
          max_length: 80,
          placeholder: { type: "plain_text", text: "e.g. cop-announcements" },
        },
        { optional: true },
      ),
      contextLine("Programme files say the same with `announcements: { create: name }` or `{ link: C0123ABCD }`."),
    ],
  });
}

const schema = z.object({
  [B.link]: z
    .string()
    .regex(/^[CG][A-Z0-9]+$/, "Pick a channel.")
    .optional(),
  [B.create]: z
    .string()
    .transform((s) => s.replace(/^#/, ""))
    .pipe(
      z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, "Use lowercase letters, digits, - and _ (up to 80), starting with a letter or digit."),
    )
    .optional(),
});

export function parseProgrammeSettings(values: StateValues): Parsed<{ link: string } | { create: string }> {
  const parsed = parseModal(schema, values);
  if (!parsed.ok) return parsed;
  const { [B.link]: link, [B.create]: create } = parsed.value;
  if (link && create) return { ok: false, errors: { [B.create]: "Pick a channel or name a new one, not both." } };
  if (create) return { ok: true, value: { create } };
  if (link) return { ok: true, value: { link } };
  return { ok: false, errors: { [B.link]: "Pick a channel, or name one below for Convene to create." } };
}
