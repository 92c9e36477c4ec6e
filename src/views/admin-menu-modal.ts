/**
 * `/convene admin`: everything staff do in Slack, so they never need the command line. Sync a
 * programme's channels or change its settings; create or edit a group; schedule, edit or cancel a session;
 * make someone staff; start next year's programme from one. Each control opens the matching modal on top
 * of this one. Pure.
 */
import type { ActionsBlock, KnownBlock, ModalView, PlainTextOption } from "@slack/types";
import { escapeMrkdwn, slackLink } from "./message";
import { contextLine, modal, mrkdwnSection, option } from "./modal-kit";
import { fallbackText } from "./slack-date";

export const ADMIN_MENU_CALLBACK = "admin_menu";
export const ADMIN_SYNC_CHANNELS = "admin_sync_channels"; // value: programme slug
export const ADMIN_PROGRAMME_SETTINGS = "admin_programme_settings"; // value: programme slug
export const ADMIN_ROLLOVER = "admin_rollover_start"; // value: programme slug
export const ADMIN_GROUP_NEW = "admin_group_new";
export const ADMIN_GROUP_EDIT = "admin_group_edit"; // selected: group id
export const ADMIN_SESSION_NEW = "admin_session_new";
export const ADMIN_SESSION_EDIT = "admin_session_edit"; // selected: session id
export const ADMIN_SESSION_CANCEL = "admin_session_cancel"; // selected: session id
export const ADMIN_STAFF = "admin_staff";
export const ADMIN_ORG_NEW = "admin_org_new";
export const ADMIN_ORG_EDIT = "admin_org_edit"; // selected: organization id
export const ADMIN_PERSON = "admin_person_pick"; // selected_user: whose role to see or change

export interface AdminMenuInput {
  programmes: readonly {
    slug: string;
    name: string;
    status: "ACTIVE" | "ARCHIVED";
    groupCount: number;
    feedUrl: string;
    announcementChannelId: string | null;
  }[];
  groups: readonly { id: string; name: string }[];
  /** Upcoming scheduled sessions, soonest first. */
  sessions: readonly { id: string; title: string; groupName: string | null; startsAt: Date }[];
  organizations: readonly { id: string; name: string }[];
  /** The staff member's zone: option labels are plain text, where date tokens do not render. */
  zone: string;
  /** Shown on top, e.g. the outcome of a channel sync (mrkdwn). */
  notice?: string;
}

const MAX_OPTIONS = 100;
const MAX_PROGRAMMES = 10;

const sessionLabel = (s: AdminMenuInput["sessions"][number], zone: string) =>
  `${fallbackText(s.startsAt, "{date_short} {time}", zone)} · ${s.title}${s.groupName ? ` · ${s.groupName}` : ""}`;

const select = (actionId: string, placeholder: string, options: PlainTextOption[]) => ({
  type: "static_select" as const,
  action_id: actionId,
  placeholder: { type: "plain_text" as const, text: placeholder },
  options,
});

export function adminMenuModal(input: AdminMenuInput): ModalView {
  const blocks: KnownBlock[] = [];
  if (input.notice) blocks.push(mrkdwnSection(input.notice), { type: "divider" });

  blocks.push(mrkdwnSection("*Programmes*"));
  if (input.programmes.length === 0) {
    blocks.push(mrkdwnSection("No programme yet. Import one from a programme file: `npm run convene -- import FILE` (see `examples/`)."));
  }
  for (const p of input.programmes.slice(0, MAX_PROGRAMMES)) {
    blocks.push({
      type: "section",
      block_id: `admin_programme_${p.slug}`,
      text: {
        type: "mrkdwn",
        text: `*${escapeMrkdwn(p.name)}* (\`${p.slug}\`) · ${p.groupCount === 1 ? "1 group" : `${p.groupCount} groups`}${p.status === "ARCHIVED" ? " · archived" : ""}\nAnnouncements: ${p.announcementChannelId ? `<#${p.announcementChannelId}>` : "none yet"} · Calendar: ${slackLink(p.feedUrl)}`,
      },
    });
    blocks.push({
      type: "actions",
      block_id: `admin_programme_actions_${p.slug}`,
      elements: [
        { type: "button", action_id: ADMIN_SYNC_CHANNELS, value: p.slug, text: { type: "plain_text", text: "Sync channels" } },
        { type: "button", action_id: ADMIN_PROGRAMME_SETTINGS, value: p.slug, text: { type: "plain_text", text: "Programme settings" } },
      ],
    });
    blocks.push({
      type: "actions",
      block_id: `admin_programme_next_${p.slug}`,
      elements: [
        { type: "button", action_id: ADMIN_ROLLOVER, value: p.slug, text: { type: "plain_text", text: "Start next year from this one" } },
      ],
    });
  }

  const groupActions: ActionsBlock = {
    type: "actions",
    block_id: "admin_groups",
    elements: [
      { type: "button", action_id: ADMIN_GROUP_NEW, value: "new", text: { type: "plain_text", text: "New group" }, style: "primary" },
      ...(input.groups.length
        ? [
            select(
              ADMIN_GROUP_EDIT,
              "Edit a group…",
              input.groups.slice(0, MAX_OPTIONS).map((g) => option(g.name, g.id)),
            ),
          ]
        : []),
    ],
  };
  blocks.push({ type: "divider" }, mrkdwnSection("*Groups*"), groupActions);

  const sessionOptions = input.sessions.slice(0, MAX_OPTIONS).map((s) => option(sessionLabel(s, input.zone), s.id));
  blocks.push({ type: "divider" }, mrkdwnSection("*Sessions*"), {
    type: "actions",
    block_id: "admin_sessions",
    elements: [
      { type: "button", action_id: ADMIN_SESSION_NEW, value: "new", text: { type: "plain_text", text: "New session" }, style: "primary" },
      ...(sessionOptions.length
        ? [select(ADMIN_SESSION_EDIT, "Edit a session…", sessionOptions), select(ADMIN_SESSION_CANCEL, "Cancel a session…", sessionOptions)]
        : []),
    ],
  });
  if (input.sessions.length > MAX_OPTIONS) blocks.push(contextLine(`Showing the next ${MAX_OPTIONS} sessions.`));

  blocks.push({ type: "divider" }, mrkdwnSection("*Organizations*"), {
    type: "actions",
    block_id: "admin_organizations",
    elements: [
      { type: "button", action_id: ADMIN_ORG_NEW, value: "new", text: { type: "plain_text", text: "New organization" } },
      ...(input.organizations.length
        ? [
            select(
              ADMIN_ORG_EDIT,
              "Edit an organization…",
              input.organizations.slice(0, MAX_OPTIONS).map((o) => option(o.name, o.id)),
            ),
          ]
        : []),
    ],
  });
  blocks.push(
    { type: "divider" },
    mrkdwnSection("*People and staff*\nSee why someone is or is not a member, confirm or revoke them, make or remove staff."),
    {
      type: "actions",
      block_id: "admin_staff",
      elements: [
        { type: "users_select", action_id: ADMIN_PERSON, placeholder: { type: "plain_text", text: "Look someone up…" } },
        { type: "button", action_id: ADMIN_STAFF, value: "grant", text: { type: "plain_text", text: "Make someone staff…" } },
      ],
    },
  );
  return modal({ callbackId: ADMIN_MENU_CALLBACK, title: "Convene admin", blocks });
}
