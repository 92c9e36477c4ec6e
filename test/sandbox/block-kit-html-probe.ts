/**
 * Reading the sandbox renderer's HTML in tests the way the page and a person would: a strict
 * little parser (it throws on unbalanced tags, and on a raw < or > in text, which would mean
 * something was not escaped), element lookup by tag and attribute, the visible text, and the
 * values the page would submit from a rendered modal (the documented SubmittedValues).
 */
export interface El {
  tag: string;
  attrs: Record<string, string>;
  /** The element's inner HTML. */
  inner: string;
}

const VOID = new Set(["br", "hr", "img", "input"]);
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[^\s"'<>/=]+(?:="[^"]*")?)*)\s*>/g;

/** Every element, in document order. */
export function parse(html: string): El[] {
  const out: El[] = [];
  const stack: { el: El; start: number }[] = [];
  let last = 0;
  for (const m of html.matchAll(TAG)) {
    const between = html.slice(last, m.index);
    if (/[<>]/.test(between)) throw new Error(`raw < or > in text: ${JSON.stringify(between.slice(0, 80))}`);
    last = m.index + m[0].length;
    const [, closing, rawTag, rawAttrs] = m;
    const tag = rawTag!.toLowerCase();
    if (closing) {
      const open = stack.pop();
      if (!open || open.el.tag !== tag) throw new Error(`</${tag}> closes <${open?.el.tag ?? "nothing"}> at ${m.index}`);
      open.el.inner = html.slice(open.start, m.index);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs!.matchAll(/\s+([^\s"'<>/=]+)(?:="([^"]*)")?/g)) {
      if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]} on <${tag}>`);
      attrs[a[1]!] = decode(a[2] ?? "");
    }
    const el: El = { tag, attrs, inner: "" };
    out.push(el);
    if (!VOID.has(tag)) stack.push({ el, start: last });
  }
  if (/[<>]/.test(html.slice(last))) throw new Error("raw < or > in trailing text");
  if (stack.length) throw new Error(`unclosed <${stack.map((s) => s.el.tag).join(">, <")}>`);
  return out;
}

/** What a person reads: tags gone, line breaks as newlines, entities decoded. */
export const text = (html: string) =>
  decode(
    html
      .replace(/<br>/g, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/^\n/, ""),
  );

/** Elements matching a tag (or "*") and attribute values (`true` for "present"). */
export function query(html: string, tag: string, where: Record<string, string | true> = {}): El[] {
  return parse(html).filter(
    (el) => (tag === "*" || el.tag === tag) && Object.entries(where).every(([k, v]) => (v === true ? k in el.attrs : el.attrs[k] === v)),
  );
}

export function one(html: string, tag: string, where: Record<string, string | true> = {}): El {
  const found = query(html, tag, where);
  if (found.length !== 1) throw new Error(`expected one <${tag}> ${JSON.stringify(where)}, found ${found.length}`);
  return found[0]!;
}

export const hasClass = (el: El, name: string) => (el.attrs.class ?? "").split(/\s+/).includes(name);

/** The block wrapper with this block id (the element with class bk-block). */
export const block = (html: string, blockId: string) => {
  const found = query(html, "*", { "data-block-id": blockId }).filter((el) => hasClass(el, "bk-block"));
  if (found.length !== 1) throw new Error(`expected one block ${blockId}, found ${found.length}`);
  return found[0]!;
};

/** What the page submits for a rendered modal, following the SubmittedValues comment in block-kit-html.ts. */
export function submittedValues(html: string): Record<string, Record<string, string | string[] | null>> {
  const values: Record<string, Record<string, string | string[] | null>> = {};
  for (const input of parse(html).filter((el) => hasClass(el, "bk-input"))) {
    const blockId = input.attrs["data-block-id"]!;
    const controls = parse(input.inner).filter((el) => el.attrs["data-input"] === "true");
    const byAction = (values[blockId] ??= {});
    for (const c of controls) {
      const actionId = c.attrs["data-action-id"]!;
      const multi = c.attrs["data-multi"] === "true";
      if (c.tag === "select") {
        const options = parse(c.inner).filter((o) => o.tag === "option");
        const chosen = options.filter((o) => "selected" in o.attrs).map((o) => o.attrs.value!);
        // A single select with nothing marked shows its first option, as a browser does.
        const single = chosen[0] ?? options[0]?.attrs.value ?? "";
        byAction[actionId] = multi ? chosen : single === "" ? null : single;
      } else if (c.tag === "textarea") {
        byAction[actionId] = decode(c.inner.replace(/^\n/, ""));
      } else if (c.attrs.type === "checkbox") {
        const before = byAction[actionId];
        byAction[actionId] = [...(Array.isArray(before) ? before : []), ...("checked" in c.attrs ? [c.attrs.value!] : [])];
      } else if (c.attrs.type === "radio") {
        if ("checked" in c.attrs) byAction[actionId] = c.attrs.value!;
        else byAction[actionId] ??= null;
      } else {
        const value = c.attrs.value ?? "";
        byAction[actionId] = value === "" && (c.attrs.type === "date" || c.attrs.type === "time") ? null : value;
      }
    }
  }
  return values;
}
