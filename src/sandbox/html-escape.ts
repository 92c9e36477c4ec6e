/**
 * Escaping for the sandbox's Block Kit renderer: every string that reaches its HTML passes
 * through one of these. Pure.
 */

const HTML: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text content and attribute values alike (quotes included, so one function serves both). */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML[c]!);

/** Slack's mrkdwn encodes exactly these three; everything else is literal text. */
export const decodeMrkdwnEntities = (s: string): string =>
  s.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === "amp" ? "&" : name === "lt" ? "<" : ">"));

/** `name="value"` pairs; undefined, null and false are left out, true is written as an empty attribute. */
export function attrs(pairs: Record<string, string | number | boolean | undefined | null>): string {
  let out = "";
  for (const [name, value] of Object.entries(pairs)) {
    if (value === undefined || value === null || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/**
 * The URL if it is one a page may link to (http, https or mailto), else null: `javascript:`,
 * `data:` and relative or protocol-relative addresses never become an href or a src.
 */
export function safeUrl(url: string, opts: { mailto?: boolean } = {}): string | null {
  const trimmed = url.trim();
  // Browsers drop tabs and newlines inside a scheme ("java\tscript:"): refuse any control character.
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) return null;
  if (/^https?:\/\/[^\s/]/i.test(trimmed)) return trimmed;
  if (opts.mailto !== false && /^mailto:[^\s]/i.test(trimmed)) return trimmed;
  return null;
}
