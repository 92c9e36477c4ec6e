import type { KnownBlock } from "@slack/types";

/** A message as Convene renders it: blocks for Slack clients, text for notifications and screen readers. */
export interface Message {
  text: string;
  blocks: KnownBlock[];
}

/*
 * The one place text people typed is made safe for Slack. Every view, fallback `text`, topic and
 * purpose goes through these; test/helpers/block-kit.ts fails any end-to-end suite whose output
 * holds a broadcast, stray `<…>` markup or a link target with `|<>` in it.
 */

// Slack has no escape for its emphasis markers (`*bold*`, `_italic_`, `~strike~`, `` `code` ``), and a
// zero-width space next to one makes it format *more* readily. Typed markers are written as
// look-alike characters instead, as jsx-slack's <Escape> does, so a title shows as it was typed.
const LOOKALIKE: Record<string, string> = { "*": "\u2217", _: "\u02CD", "~": "\u223C", "`": "\u02CB" };
// Underscores inside an emoji shortcode (`:white_check_mark:`) are part of its name, not markers.
const MARKERS = /(:[a-z0-9_+-]+:)|[*_~`]/g;

/**
 * Text a person typed, as mrkdwn that shows exactly that: Slack's three control characters become
 * entities (so no `<!channel>`, mention or link can be smuggled in) and emphasis markers look-alikes.
 */
export const escapeMrkdwn = (s: string) =>
  s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(MARKERS, (m, emoji?: string) => emoji ?? LOOKALIKE[m]!);

/**
 * Text a person typed, for a channel's topic or purpose. Slack documents those as taking no
 * formatting and escapes them itself, so entities would show as typed; angle brackets, the only way
 * to write a broadcast or a link, become ‹ ›.
 */
export const plainSlackText = (s: string) => s.replace(/</g, "\u2039").replace(/>/g, "\u203A");

/**
 * A link target for `<url|label>`: Slack ends the target at `|` or `>`, so those (and `<`) travel
 * percent-encoded, and `&` as Slack's entity. Addresses are validated where they come in
 * (src/domain/web-link.ts); this keeps a link whole even so.
 */
const linkTarget = (url: string) => url.replace(/&/g, "&amp;").replace(/</g, "%3C").replace(/>/g, "%3E").replace(/\|/g, "%7C").replace(/\s/g, encodeURIComponent);

/** The only way Convene writes a mrkdwn link. `label` is text, escaped here (`|` shows as ¦, so it cannot end the label). */
export const slackLink = (url: string, label: string) => `<${linkTarget(url)}|${escapeMrkdwn(label).replace(/\|/g, "\u00A6")}>`;

/** Slack refuses a section over 3,000 characters: a notice that quotes a very long input is cut, not refused. */
const SECTION_MAX = 3000;

export const notice = (text: string): Message => ({
  text,
  blocks: [{ type: "section", text: { type: "mrkdwn", text: text.length <= SECTION_MAX ? text : `${text.slice(0, SECTION_MAX - 1)}…` } }],
});
