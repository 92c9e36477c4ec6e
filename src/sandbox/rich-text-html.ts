/**
 * A minimal rich_text block renderer: sections, bullet and numbered lists, preformatted text and
 * quotes, with styled text, links, mentions, emoji and dates. Anything else inside it shows as
 * its plain text, so nothing a person wrote disappears. Pure.
 */
import { emojiGlyph } from "./emoji-shortcodes";
import { attrs, escapeHtml, safeUrl } from "./html-escape";
import { renderDate, type MrkdwnContext } from "./mrkdwn-html";
import { isJson, list, str, type Json } from "./block-kit-elements";

const lines = (s: string) => escapeHtml(s).replace(/\n/g, "<br>");

function styled(html: string, style: unknown): string {
  if (!isJson(style)) return html;
  let out = html;
  if (style.code === true) out = `<code class="bk-code">${out}</code>`;
  if (style.strike === true) out = `<s>${out}</s>`;
  if (style.italic === true) out = `<i>${out}</i>`;
  if (style.bold === true) out = `<b>${out}</b>`;
  return out;
}

function emoji(el: Json): string {
  const unicode = str(el.unicode);
  if (unicode && /^[0-9a-f]{2,6}(-[0-9a-f]{2,6})*$/i.test(unicode)) {
    try {
      return String.fromCodePoint(...unicode.split("-").map((h) => parseInt(h, 16)));
    } catch {
      // Out-of-range code point: fall back to the name.
    }
  }
  const name = str(el.name) ?? "";
  return emojiGlyph(name) ?? escapeHtml(`:${name}:`);
}

/** The text of anything, for the kinds this renderer does not know. */
export function plainTextOf(node: unknown): string {
  if (!isJson(node)) return "";
  if (typeof node.text === "string") return node.text;
  if (node.type === "link") return str(node.url) ?? "";
  if (node.type === "user") return `@${str(node.user_id) ?? ""}`;
  if (node.type === "channel") return `#${str(node.channel_id) ?? ""}`;
  if (node.type === "emoji") return `:${str(node.name) ?? ""}:`;
  return list(node.elements).map(plainTextOf).join("");
}

function inlineElement(raw: unknown, ctx: MrkdwnContext): string {
  if (!isJson(raw)) return "";
  const el = raw;
  switch (el.type) {
    case "text":
      return styled(lines(str(el.text) ?? ""), el.style);
    case "link": {
      const url = str(el.url) ?? "";
      const href = safeUrl(url);
      const text = lines(str(el.text) || url);
      return styled(
        href ? `<a${attrs({ class: "bk-link", href, target: "_blank", rel: "noopener noreferrer" })}>${text}</a>` : text,
        el.style,
      );
    }
    case "emoji":
      return emoji(el);
    case "user": {
      const id = str(el.user_id) ?? "";
      return `<span${attrs({ class: "bk-mention", "data-user-id": id })}>${escapeHtml(`@${ctx.userName(id) ?? id}`)}</span>`;
    }
    case "channel": {
      const id = str(el.channel_id) ?? "";
      return `<span${attrs({ class: "bk-channel", "data-channel-id": id })}>${escapeHtml(`#${ctx.channelName(id) ?? id}`)}</span>`;
    }
    case "usergroup":
      return `<span class="bk-mention">${escapeHtml(`@${str(el.usergroup_id) ?? "group"}`)}</span>`;
    case "broadcast":
      return `<span class="bk-mention bk-broadcast">${escapeHtml(`@${str(el.range) ?? "here"}`)}</span>`;
    case "date": {
      const seconds = typeof el.timestamp === "number" ? el.timestamp : Number(str(el.timestamp));
      return renderDate(seconds, str(el.format) ?? "{date_short} {time}", str(el.url), str(el.fallback), ctx);
    }
    default:
      return lines(plainTextOf(el));
  }
}

const inlines = (node: Json, ctx: MrkdwnContext) =>
  list(node.elements)
    .map((e) => inlineElement(e, ctx))
    .join("");

function container(raw: unknown, ctx: MrkdwnContext): string {
  if (!isJson(raw)) return "";
  const node = raw;
  switch (node.type) {
    case "rich_text_section":
      return `<div class="bk-rt-section">${inlines(node, ctx)}</div>`;
    case "rich_text_preformatted":
      return `<pre class="bk-pre">${inlines(node, ctx)}</pre>`;
    case "rich_text_quote":
      return `<blockquote class="bk-quote">${inlines(node, ctx)}</blockquote>`;
    case "rich_text_list": {
      const tag = node.style === "ordered" ? "ol" : "ul";
      const indent = typeof node.indent === "number" ? Math.max(0, Math.min(8, Math.floor(node.indent))) : 0;
      const items = list(node.elements)
        .map((item) => `<li>${isJson(item) ? inlines(item, ctx) : ""}</li>`)
        .join("");
      return `<${tag}${attrs({ class: "bk-rt-list", style: indent ? `margin-left:${indent * 1.5}em` : undefined })}>${items}</${tag}>`;
    }
    default:
      return `<div class="bk-rt-section">${lines(plainTextOf(node))}</div>`;
  }
}

/** The inside of a rich_text block. */
export function richTextHtml(block: Json, ctx: MrkdwnContext): string {
  return list(block.elements)
    .map((e) => container(e, ctx))
    .join("");
}
