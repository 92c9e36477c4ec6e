/**
 * What the sandbox page shows one person, read from the local Slack the way a Slack client reads
 * its workspace: their channels and DM with Convene, the open conversation's messages (replies
 * under their parent, for the thread pane; their own ephemerals and "joined" lines among them), the modal on their screen and their Home
 * tab, each rendered as Block Kit HTML for their time zone.
 */
import type { EphemeralRecord, LocalSlack, PostedMessage } from "../local-slack";
import { renderBlocks, renderMrkdwn, renderView, type RenderContext } from "./block-kit-html";
import { attrs, escapeHtml } from "./html-escape";
import type { SandboxClock } from "./sandbox-clock";
import type { SandboxPerson } from "./sandbox-workspace";

export interface PageItem {
  /** "join": a "joined #channel" line, as Slack shows one when someone joins or is added. */
  kind: "message" | "ephemeral" | "join";
  ts: string;
  /** Where a click on it goes: the conversation. */
  channelId: string;
  author: string;
  fromApp: boolean;
  at: string;
  edited: boolean;
  /** Pinned in its channel, which Slack marks on the message. */
  pinned: boolean;
  html: string;
  replies: PageItem[];
}

export interface Conversation {
  id: string;
  name: string;
  /** The newest message's ts, for the sidebar's unread marks. */
  latestTs: string | null;
}

export interface PageState {
  now: string;
  me: SandboxPerson;
  people: readonly SandboxPerson[];
  channels: Conversation[];
  dm: Conversation;
  /** A channel id, the DM's id, or "home". */
  open: string;
  title: string;
  topic: string;
  items: PageItem[];
  home: string | null;
  modal: { id: string; html: string } | null;
}

export interface PageStateDeps {
  slack: LocalSlack;
  clock: SandboxClock;
  people: readonly SandboxPerson[];
  /** Field errors from the last submission of each open modal (response_action "errors"). */
  modalErrors: ReadonlyMap<string, Record<string, string>>;
}

const APP_NAME = "Convene";
const HOME = "home";

const latest = (messages: PostedMessage[]) => messages.at(-1)?.ts ?? null;
const byTs = (a: { ts: string }, b: { ts: string }) => Number(a.ts) - Number(b.ts);

export function pageState(deps: PageStateDeps, me: SandboxPerson, open: string | undefined): PageState {
  const { slack } = deps;
  const ctx: RenderContext = {
    tz: me.tz,
    now: deps.clock.date(),
    userName: (id) => (id === slack.botUserId ? APP_NAME : slack.user(id)?.realName),
    channelName: (id) => slack.channel(id)?.name,
    users: deps.people.map((p) => ({ id: p.id, name: p.name })),
    channels: slack
      .channels()
      .filter((c) => !c.isIm && !c.isPrivate && !c.isArchived)
      .map((c) => ({ id: c.id, name: c.name })),
  };
  const channels = slack.channels({ member: me.id }).filter((c) => !c.isArchived);
  const dmId = slack.dmChannelId(me.id);
  const dm: Conversation = { id: dmId, name: APP_NAME, latestTs: latest(slack.messages(dmId)) };
  const sidebar = channels.map((c) => ({ id: c.id, name: c.name, latestTs: latest(slack.messages(c.id)) }));
  const current = open === HOME || open === dmId || channels.some((c) => c.id === open) ? open! : (channels[0]?.id ?? dmId);
  const channel = current === HOME || current === dmId ? undefined : channels.find((c) => c.id === current);
  const home = current === HOME ? slack.homeView(me.id) : undefined;
  const modal = slack.openModals(me.id).at(-1);
  return {
    now: deps.clock.date().toISOString(),
    me,
    people: deps.people,
    channels: sidebar,
    dm,
    open: current,
    title: channel ? `#${channel.name}` : APP_NAME,
    topic: channel ? channel.topic.value || channel.purpose.value : current === HOME ? "Home" : "Messages",
    items: current === HOME ? [] : conversationItems(slack, current, me.id, ctx),
    home: home ? renderView(home.view, ctx) : null,
    modal: modal ? { id: modal.id, html: renderView(modal.view, ctx, { errors: deps.modalErrors.get(modal.id) }) } : null,
  };
}

/** Files shared with a message: images inline (with their alt text), anything else as a download link. */
function filesHtml(files: readonly unknown[]): string {
  return files
    .map((f) => f as { id: string; name: string; title: string; mimetype: string; pretty_type: string; size: number; alt_txt?: string })
    .map((f) => {
      const href = `/files/${encodeURIComponent(f.id)}/${encodeURIComponent(f.name)}`;
      return f.mimetype.startsWith("image/")
        ? `<figure class="sb-file"><img${attrs({ src: href, alt: f.alt_txt ?? f.title })}><figcaption>${escapeHtml(f.title)}</figcaption></figure>`
        : `<div class="sb-file"><a${attrs({ href, download: f.name })}>${escapeHtml(f.title)}</a> <span>${escapeHtml(f.pretty_type)} · ${Math.max(1, Math.round(f.size / 1024))} KB</span></div>`;
    })
    .join("");
}

function conversationItems(slack: LocalSlack, channelId: string, userId: string, ctx: RenderContext): PageItem[] {
  const html = (m: { text?: string; blocks?: unknown[]; files?: unknown[] }) =>
    (m.blocks?.length ? renderBlocks(m.blocks, ctx) : renderMrkdwn(m.text ?? "", ctx)) + filesHtml(m.files ?? []);
  const pins = new Set(slack.channel(channelId)?.pins ?? []);
  const messageItem = (m: PostedMessage): PageItem => ({
    kind: "message",
    ts: m.ts,
    channelId,
    author: ctx.userName(m.user) ?? m.user,
    fromApp: m.bot_id !== undefined,
    at: new Date(Number(m.ts) * 1000).toISOString(),
    edited: m.edited !== undefined,
    pinned: pins.has(m.ts),
    html: html(m),
    replies: [],
  });
  const ephemeralItem = (e: EphemeralRecord): PageItem => ({
    kind: "ephemeral",
    ts: e.ts,
    channelId,
    author: APP_NAME,
    fromApp: true,
    at: new Date(Number(e.ts) * 1000).toISOString(),
    edited: false,
    pinned: false,
    html: html(e),
    replies: [],
  });
  const channel = slack.channel(channelId);
  const joinItem = (j: { userId: string; ts: string; addedBy?: string }): PageItem => ({
    kind: "join",
    ts: j.ts,
    channelId,
    author: ctx.userName(j.userId) ?? j.userId,
    fromApp: j.userId === slack.botUserId,
    at: new Date(Number(j.ts) * 1000).toISOString(),
    edited: false,
    pinned: false,
    html: escapeHtml(`joined #${channel?.name ?? ""}.${j.addedBy ? ` Added by ${ctx.userName(j.addedBy) ?? j.addedBy}.` : ""}`),
    replies: [],
  });
  const joins = channel && !channel.isIm ? channel.joins.map(joinItem) : [];
  const all = [...slack.messages(channelId).map(messageItem), ...slack.ephemerals({ channelId, userId }).map(ephemeralItem), ...joins].sort(
    byTs,
  );
  const threadOf = new Map<string, string>();
  for (const m of slack.messages(channelId)) if (m.thread_ts && m.thread_ts !== m.ts) threadOf.set(m.ts, m.thread_ts);
  for (const e of slack.ephemerals({ channelId, userId })) if (e.thread_ts) threadOf.set(e.ts, e.thread_ts);
  const top = all.filter((i) => !threadOf.has(i.ts));
  for (const reply of all.filter((i) => threadOf.has(i.ts))) {
    const parent = top.find((t) => t.ts === threadOf.get(reply.ts));
    // A reply whose parent is gone shows on its own rather than not at all.
    if (parent) parent.replies.push(reply);
    else top.push(reply);
  }
  return top.sort(byTs);
}
