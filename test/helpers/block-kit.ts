import { type LocalSlack, validateMessageBlocks, validateView } from "../../src/local-slack";

/**
 * Every view version Convene produced, every message in `conversations` and every ephemeral
 * passes Slack's Block Kit checks (warnings included), and the local Slack met no internal error.
 */
export function expectValidBlockKit(slack: LocalSlack, conversations: readonly string[]): void {
  for (const snapshot of slack.views.values()) {
    for (const version of [...snapshot.versions, snapshot.view]) expect(validateView(version, { expectedType: snapshot.type })).toEqual([]);
  }
  for (const where of conversations) for (const m of slack.messages(where)) expect(validateMessageBlocks(m.blocks ?? [])).toEqual([]);
  for (const e of slack.ephemerals()) expect(validateMessageBlocks(e.blocks ?? [])).toEqual([]);
  expect(slack.internalErrors).toEqual([]);
}

// ------------------------------------------------------------------ the markup guard

/*
 * Text people type is hostile. Whatever Convene sends Slack may hold `<…>` only as markup Convene
 * itself writes: a mention, a channel, a date, or a link whose target has no whitespace or `|<>`.
 * Anything else (a broadcast, a user group, a stray `<b>`, a second `|` from a link target that
 * carried one) is text that reached Slack unescaped.
 */
const ALLOWED = [
  /^@[UWB][A-Z0-9]+(\|[^|]*)?$/, // a person
  /^#C[A-Z0-9]+(\|[^|]*)?$/, // a channel
  /^!date\^-?\d+\^[^|]*(\|[^|]*)?$/, // a date token, with its fallback
  /^(https?:\/\/|mailto:)[^\s|]+(\|[^|]*)?$/, // a link: one `|`, none in the target
];
const BROADCAST = /^!(channel|here|everyone|subteam\^)/;

/** What is wrong with one mrkdwn string (fallback text, a topic, a mrkdwn text object). */
export function mrkdwnProblems(text: string): string[] {
  const problems: string[] = [];
  for (const [whole, inner] of text.matchAll(/<([^<>]*)>/g)) {
    if (ALLOWED.some((re) => re.test(inner!))) continue;
    problems.push(
      BROADCAST.test(inner!)
        ? `a broadcast ${whole}`
        : /^(https?:|mailto:)/.test(inner!)
          ? `a link whose target breaks out: ${whole}`
          : `markup ${whole}`,
    );
  }
  // `>` opening a line is Slack's quote marker, which Convene writes; a typed one arrives as &gt;.
  const stray = text
    .replace(/<([^<>]*)>/g, "")
    .replace(/^>(>>)?/gm, "")
    .match(/[<>]/);
  if (stray) problems.push(`an unescaped ${stray[0]}`);
  return problems;
}

/** What is wrong with a topic or purpose: Slack formats neither, so any angle bracket in one was typed. */
export function plainTextProblems(text: string): string[] {
  const found = text.match(/<[^<>]*>?|>/);
  return found ? [BROADCAST.test(found[0].slice(1)) ? `a broadcast ${found[0]}` : `an unescaped ${found[0]}`] : [];
}

/** Every mrkdwn string in a Web API call's arguments or a view; plain_text is shown as typed and needs no escaping. */
function mrkdwnStrings(value: unknown, root: boolean, out: { text: string; plain: boolean }[] = []): { text: string; plain: boolean }[] {
  if (Array.isArray(value)) for (const v of value) mrkdwnStrings(v, false, out);
  else if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (o.type === "plain_text") return out;
    for (const [key, v] of Object.entries(o)) {
      if (typeof v === "string") {
        // Top-level `text` is the notification; topics and purposes are read as Slack writes them.
        if ((root && key === "text") || (key === "text" && o.type === "mrkdwn")) out.push({ text: v, plain: false });
        if (root && (key === "topic" || key === "purpose")) out.push({ text: v, plain: true });
        if (key === "url" && /[\s|<>]/.test(v)) out.push({ text: `<${v}>`, plain: false });
      } else mrkdwnStrings(v, false, out);
    }
  }
  return out;
}

const describeIt = (where: string, text: string, problems: string[]) =>
  `${where}: ${problems.join(", ")} in ${JSON.stringify(text.slice(0, 300))}`;

interface Seen {
  calls: number;
  posts: number;
  /** Ephemerals set by acknowledging a command carry no call. */
  acks: number;
  /** View versions already looked at, as `id:version`. */
  views: Set<string>;
}

/** Every problem in what `slack` has recorded and `seen` does not cover: calls, response_url posts and views. */
export function markupProblems(slack: LocalSlack, seen: Seen = { calls: 0, posts: 0, acks: 0, views: new Set() }): string[] {
  const found: string[] = [];
  const scan = (where: string, value: unknown) => {
    for (const { text, plain } of mrkdwnStrings(value, true)) {
      const problems = plain ? plainTextProblems(text) : mrkdwnProblems(text);
      if (problems.length) found.push(describeIt(where, text, problems));
    }
  };
  // A reset clears the record: start again from its beginning.
  const acks = slack.ephemerals().filter((e) => e.via === "command_ack");
  if (slack.calls.length < seen.calls || slack.responseUrlMessages.length < seen.posts || acks.length < seen.acks)
    Object.assign(seen, { calls: 0, posts: 0, acks: 0 });
  for (const c of slack.calls.slice(seen.calls)) scan(c.method, c.args);
  for (const p of slack.responseUrlMessages.slice(seen.posts)) scan("response_url", p.body);
  for (const e of acks.slice(seen.acks)) scan("command reply", { text: e.text, blocks: e.blocks });
  // Views set by acknowledging a submission (response_action) reach Slack without a Web API call.
  for (const v of slack.views.values()) {
    [...v.versions, v.view].forEach((version, i) => {
      const key = `${v.id}:${i}:${v.hash}`;
      if (!seen.views.has(key)) scan(`${v.type} view`, version);
      seen.views.add(key);
    });
  }
  Object.assign(seen, { calls: slack.calls.length, posts: slack.responseUrlMessages.length, acks: acks.length });
  return found;
}

const watched = new Map<LocalSlack, Seen & { problems: string[] }>();

function collect(slack: LocalSlack): void {
  const w = watched.get(slack)!;
  w.problems.push(...markupProblems(slack, w));
}

/**
 * Puts the markup guard on a local Slack for the rest of the suite: after each test (and before
 * each `reset()`), every message, ephemeral, view, topic and purpose sent to it is checked, and the
 * test fails naming what reached Slack unescaped. The harness watches every Slack it starts.
 */
export function watchMarkup(slack: LocalSlack): void {
  watched.set(slack, { calls: 0, posts: 0, acks: 0, views: new Set(), problems: [] });
  const reset = slack.reset.bind(slack);
  slack.reset = () => {
    collect(slack);
    reset();
  };
}

/** Stops watching (when the suite stops its Slack), failing on anything not yet reported. */
export function unwatchMarkup(slack: LocalSlack): void {
  if (!watched.has(slack)) return;
  collect(slack);
  const problems = [...watched.get(slack)!.problems];
  watched.delete(slack);
  expect(problems).toEqual([]);
}

afterEach(() => {
  const problems: string[] = [];
  for (const [slack, w] of watched) {
    collect(slack);
    problems.push(...w.problems);
    w.problems.length = 0;
  }
  expect(problems).toEqual([]);
});
