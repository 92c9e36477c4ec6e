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
export const escapeMrkdwn = (s: string) => entities(s).replace(MARKERS, (m, emoji?: string) => emoji ?? LOOKALIKE[m]!);

const entities = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A command or error as inline code, e.g. `` `/convene group ${name}` ``: inside code Slack formats
 * nothing, so only its entities are escaped (a name copies as typed), and a backtick, which would
 * end the code, is written '.
 */
export const codeSpan = (s: string) => `\`${entities(s.replace(/`/g, "'"))}\``;

/**
 * Text a person typed, for a channel's topic or purpose. Slack documents those as taking no
 * formatting and escapes them itself, so entities would show as typed; angle brackets, the only way
 * to write a broadcast or a link, become ‹ ›.
 */
export const plainSlackText = (s: string) => s.replace(/</g, "\u2039").replace(/>/g, "\u203A");

/**
 * An address for a button's `url`: `|`, `<`, `>` and whitespace travel percent-encoded. Addresses
 * are validated where they come in (src/domain/web-link.ts); this keeps one stored before whole.
 */
export const linkUrl = (url: string) => url.replace(/[|<>\s]/g, encodeURIComponent);

/** A link target for `<url|label>`: Slack ends the target at `|` or `>`, and reads `&` as an entity. */
const linkTarget = (url: string) => linkUrl(url).replace(/&/g, "&amp;");

const ADDRESS_SHOWN = 200;

/**
 * The only way Convene writes a mrkdwn link. `label` is text, escaped here (`|` shows as ¦, so it
 * cannot end the label). Without one, the link shows its address as it is (a feed address is
 * copied into calendar apps), cut at 200 characters.
 */
export const slackLink = (url: string, label?: string) => {
  const shown =
    label === undefined ? entities(url.length <= ADDRESS_SHOWN ? url : `${url.slice(0, ADDRESS_SHOWN - 1)}…`) : escapeMrkdwn(label);
  return `<${linkTarget(url)}|${shown.replace(/\|/g, "\u00A6")}>`;
};

/** Slack refuses a section over 3,000 characters: a notice that quotes a very long input is cut, not refused. */
const SECTION_MAX = 3000;

export const notice = (text: string): Message => ({
  text,
  blocks: [{ type: "section", text: { type: "mrkdwn", text: text.length <= SECTION_MAX ? text : `${text.slice(0, SECTION_MAX - 1)}…` } }],
});
