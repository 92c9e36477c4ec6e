/**
 * Slack's mrkdwn as safe HTML, the way a Slack client shows it to one reader: *bold*, _italic_,
 * ~strike~, `code`, ```pre```, > quotes (and >>> for the rest), line breaks, "• " lines,
 * <url|links>, <@U…> and <#C…> mentions, <!here>, <!date^…> in the reader's zone, and emoji
 * shortcodes. Pure: names and the zone come from the context.
 *
 * Safety: Slack's three entities (&amp; &lt; &gt;) are decoded and every character of text is then
 * HTML-escaped; markup is only ever produced by this module. Links and dates only link to http(s)
 * and mailto addresses; anything else shows as text.
 */
import { dateIso, dateTitle, formatDateTokens } from "./date-tokens";
import { emojiGlyph } from "./emoji-shortcodes";
import { attrs, decodeMrkdwnEntities, escapeHtml, safeUrl } from "./html-escape";

/** What rendering mrkdwn needs from the page: the reader's zone, the clock, and names for ids. */
export interface MrkdwnContext {
  tz: string;
  now?: Date;
  userName(id: string): string | undefined;
  channelName(id: string): string | undefined;
}

// Already-rendered pieces (links, mentions, code, emoji) stand in the text as private-use
// placeholders while emphasis is parsed, so a marker inside a URL or an emoji name is not one.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

class Atoms {
  private readonly html: string[] = [];
  add(html: string): string {
    this.html.push(html);
    return `${OPEN}${this.html.length - 1}${CLOSE}`;
  }
  restore(s: string): string {
    return s.replace(PLACEHOLDER, (_, n: string) => this.restore(this.html[Number(n)] ?? ""));
  }
}

/** Text as HTML: Slack's entities decoded, then everything escaped. */
const textHtml = (s: string) => escapeHtml(decodeMrkdwnEntities(s));

/** `:wave:` → 👋 for the shortcodes Slack's clients know; unknown ones stay as written. */
export const emojiText = (s: string): string => s.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => emojiGlyph(name) ?? whole);

const clean = (s: unknown) =>
  String(s ?? "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\uE000\uE001]/g, "\uFFFD");

const linkHtml = (href: string, inner: string, className = "bk-link") =>
  `<a${attrs({ class: className, href, target: "_blank", rel: "noopener noreferrer" })}>${inner}</a>`;

function dateToken(parts: string[], fallback: string | undefined, ctx: MrkdwnContext): string {
  const [unix, format = "", link] = parts;
  return renderDate(unix !== undefined && /^-?\d{1,12}$/.test(unix) ? Number(unix) : NaN, format, link, fallback, ctx);
}

/**
 * A date in the reader's zone as `<time datetime="…" title="…">`, linked when `link` is http(s);
 * the fallback text when the timestamp is not one. `format`, `link` and `fallback` are mrkdwn.
 */
export function renderDate(
  seconds: number,
  format: string,
  link: string | undefined,
  fallback: string | undefined,
  ctx: MrkdwnContext,
): string {
  const instant = new Date(seconds * 1000);
  if (Number.isNaN(instant.getTime())) return textHtml(fallback ?? "");
  const text = formatDateTokens(instant, decodeMrkdwnEntities(format), ctx.tz, ctx.now ?? new Date());
  const href = link === undefined ? null : safeUrl(decodeMrkdwnEntities(link));
  const shown = href ? linkHtml(href, escapeHtml(text)) : escapeHtml(text);
  return `<time${attrs({ class: "bk-date", datetime: dateIso(instant, ctx.tz), title: dateTitle(instant, ctx.tz) })}>${shown}</time>`;
}

/** One `<…>` control sequence: a link, a mention, a broadcast or a date. */
function controlSequence(inner: string, ctx: MrkdwnContext): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : inner.slice(bar + 1);
  const labelText = label ? emojiText(decodeMrkdwnEntities(label)) : undefined;
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span${attrs({ class: "bk-mention", "data-user-id": id })}>${escapeHtml(`@${ctx.userName(id) ?? labelText ?? id}`)}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    return `<span${attrs({ class: "bk-channel", "data-channel-id": id })}>${escapeHtml(`#${ctx.channelName(id) ?? labelText ?? id}`)}</span>`;
  }
  if (target.startsWith("!")) {
    const [command = "", ...rest] = target.slice(1).split("^");
    if (command === "date") return dateToken(rest, label, ctx);
    if (command === "here" || command === "channel" || command === "everyone")
      return `<span class="bk-mention bk-broadcast">@${command}</span>`;
    if (command === "subteam")
      return `<span class="bk-mention">${escapeHtml(`@${(labelText ?? rest[0] ?? "group").replace(/^@/, "")}`)}</span>`;
    return escapeHtml(labelText ?? `<${decodeMrkdwnEntities(target)}>`);
  }
  const url = decodeMrkdwnEntities(target);
  const text = escapeHtml(labelText || (/^mailto:/i.test(url) ? url.slice("mailto:".length) : url));
  const href = safeUrl(url);
  return href ? linkHtml(href, text) : text;
}

const CONTROL = /<([^<>\n]+)>/g;

// --- emphasis ----------------------------------------------------------------------------------

const TAGS: Record<string, string> = { "*": "b", _: "i", "~": "s" };
const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** The first of the sorted `positions` at or after `min` (binary search: long hostile lines stay fast). */
function firstAtLeast(positions: number[], min: number): number | undefined {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (positions[mid]! < min) lo = mid + 1;
    else hi = mid;
  }
  return positions[lo];
}

/**
 * Slack's rule: a marker opens at the start or after a non-word character and before a
 * non-space; it closes after a non-space and before the end or a non-word character. So
 * `snake_case_name` and `2*3*4` stay as they are, and no span crosses a line (lines come here
 * one at a time).
 */
function emphasis(s: string): string {
  const closers: Record<string, number[]> = { "*": [], _: [], "~": [] };
  for (let j = 1; j < s.length; j++) {
    const list = closers[s[j]!];
    if (list && !isSpace(s[j - 1]) && !isWord(s[j + 1])) list.push(j);
  }
  let out = "";
  let plain = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    const list = closers[c];
    if (list && !isWord(s[i - 1]) && i + 1 < s.length && !isSpace(s[i + 1]) && s[i + 1] !== c) {
      const j = firstAtLeast(list, i + 2);
      if (j !== undefined) {
        out += `${textHtml(plain)}<${TAGS[c]}>${emphasis(s.slice(i + 1, j))}</${TAGS[c]}>`;
        plain = "";
        i = j + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  return out + textHtml(plain);
}

/** One line's inline formatting; its control sequences are already placeholders. */
function inline(line: string, atoms: Atoms): string {
  const withCode = line.replace(/`([^`]+)`/g, (_, code: string) => atoms.add(`<code class="bk-code">${textHtml(code)}</code>`));
  // Slack links bare addresses too (text objects are not verbatim by default).
  const withLinks = withCode.replace(/\bhttps?:\/\/[^\s<>\uE000\uE001]+/gi, (found: string) => {
    const url = found.replace(/[.,;:!?)'"*_~]+$/, "");
    const href = safeUrl(decodeMrkdwnEntities(url));
    return (href ? atoms.add(linkHtml(href, textHtml(url))) : url) + found.slice(url.length);
  });
  const withEmoji = withLinks.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => {
    const glyph = emojiGlyph(name);
    return glyph ? atoms.add(`<span${attrs({ class: "bk-emoji", title: whole })}>${glyph}</span>`) : whole;
  });
  return emphasis(withEmoji);
}

interface Piece {
  html: string;
  /** Block-level pieces (quotes, pre, bullet lines) need no <br> around them. */
  block: boolean;
}

function linesOf(chunk: string, atoms: Atoms): Piece[] {
  const pieces: Piece[] = [];
  let quoted: string[] = [];
  const flushQuote = () => {
    if (quoted.length) pieces.push({ html: `<blockquote class="bk-quote">${quoted.join("<br>")}</blockquote>`, block: true });
    quoted = [];
  };
  const lines = chunk.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!;
    if (line.startsWith(">>>")) {
      // Everything after >>> is quoted, to the end of this run of text.
      quoted.push(...[line.slice(3).replace(/^ /, ""), ...lines.slice(n + 1)].map((l) => inline(l, atoms)));
      break;
    }
    if (line.startsWith(">")) {
      quoted.push(inline(line.slice(1).replace(/^ /, ""), atoms));
      continue;
    }
    flushQuote();
    if (/^\s*[•◦▪] /.test(line)) pieces.push({ html: `<span class="bk-li">${inline(line, atoms)}</span>`, block: true });
    else pieces.push({ html: inline(line, atoms), block: false });
  }
  flushQuote();
  return pieces;
}

const join = (pieces: Piece[]) => pieces.map((p, i) => (i > 0 && !p.block && !pieces[i - 1]!.block ? "<br>" : "") + p.html).join("");

/** Slack mrkdwn → safe HTML (inline content with <br>, plus blockquote and pre blocks). */
export function renderMrkdwn(text: string, ctx: MrkdwnContext): string {
  const atoms = new Atoms();
  const source = clean(text).replace(CONTROL, (_, inner: string) => atoms.add(controlSequence(inner, ctx)));
  const pieces: Piece[] = [];
  const PRE = /```([\s\S]*?)```/g;
  let last = 0;
  for (const match of source.matchAll(PRE)) {
    // The newline on either side of a code block belongs to the block.
    let before = source.slice(last, match.index).replace(/\n$/, "");
    if (last > 0) before = before.replace(/^\n/, "");
    if (before) pieces.push(...linesOf(before, atoms));
    const body = match[1]!.replace(/^\n/, "").replace(/\n$/, "");
    pieces.push({ html: `<pre class="bk-pre">${textHtml(body)}</pre>`, block: true });
    last = match.index + match[0].length;
  }
  if (last === 0) pieces.push(...linesOf(source, atoms));
  else if (source.length > last) pieces.push(...linesOf(source.slice(last).replace(/^\n/, ""), atoms));
  return atoms.restore(join(pieces));
}

/** A text object: plain_text escaped (emoji converted unless `emoji: false`), mrkdwn rendered. */
export function renderText(obj: { type: "plain_text" | "mrkdwn"; text: string; emoji?: boolean }, ctx: MrkdwnContext): string {
  if (obj?.type === "mrkdwn") return renderMrkdwn(obj.text, ctx);
  const text = clean(obj?.text);
  return escapeHtml(obj?.emoji === false ? text : emojiText(text)).replace(/\n/g, "<br>");
}

const HTML_ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

/** mrkdwn as a reader sees it, without markup: for <option>s, attributes and confirm dialogs. */
export function mrkdwnPlainText(text: string, ctx: MrkdwnContext): string {
  return renderMrkdwn(text, ctx)
    .replace(/<br>|<span class="bk-li">/g, "\n")
    .replace(/<\/(blockquote|pre)>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(amp|lt|gt|quot|#39);/g, (e) => HTML_ENTITIES[e]!)
    .replace(/^\n+|\n+$/g, "");
}

/** A text object as plain text (for <option>, attributes and dialogs). */
export function textOf(obj: unknown, ctx: MrkdwnContext): string {
  if (typeof obj !== "object" || obj === null) return "";
  const t = obj as { type?: unknown; text?: unknown; emoji?: unknown };
  if (t.type === "mrkdwn") return mrkdwnPlainText(String(t.text ?? ""), ctx);
  const text = String(t.text ?? "");
  return t.emoji === false ? text : emojiText(text);
}
