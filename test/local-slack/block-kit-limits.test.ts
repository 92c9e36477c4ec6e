import {
  errorsOnly,
  formatProblem,
  validateMessageBlocks,
  validateView,
  type BlockKitProblem,
} from "../../src/local-slack/block-kit-limits";

const x = (n: number) => "x".repeat(n);
const plain = (text: string) => ({ type: "plain_text", text });
const mrkdwn = (text: string) => ({ type: "mrkdwn", text });
const section = (text: string, extra: object = {}) => ({ type: "section", text: mrkdwn(text), ...extra });
const button = (extra: object = {}) => ({ type: "button", text: plain("Go"), action_id: "go", ...extra });
const option = (text: string, value: string) => ({ text: plain(text), value });
const actions = (elements: unknown[], blockId?: string) => ({ type: "actions", ...(blockId ? { block_id: blockId } : {}), elements });
const input = (extra: object = {}) => ({
  type: "input",
  block_id: "title",
  label: plain("Title"),
  element: { type: "plain_text_input", action_id: "title_input" },
  ...extra,
});
const modal = (extra: object = {}) => ({
  type: "modal",
  title: plain("Propose a session"),
  submit: plain("Submit"),
  blocks: [input()],
  ...extra,
});
const times = <T>(n: number, make: (i: number) => T) => Array.from({ length: n }, (_, i) => make(i));

function errors(problems: BlockKitProblem[]): Array<[string, string]> {
  return errorsOnly(problems).map((p) => [p.pointer, p.message]);
}

describe("validateMessageBlocks", () => {
  // [case, blocks, expected errors]; each limit once at the boundary (accepted) and once past it.
  const cases: Array<[string, unknown, Array<[string, string]>]> = [
    ["50 blocks", times(50, () => ({ type: "divider" })), []],
    ["51 blocks", times(51, () => ({ type: "divider" })), [["/blocks", "no more than 50 items allowed"]]],
    ["blocks not an array", { type: "divider" }, [["/blocks", "must provide an array"]]],
    ["unknown block type", [{ type: "carousel" }], [["/blocks/0/type", "unsupported type: carousel"]]],
    ["block_id of 255", [section("a", { block_id: x(255) })], []],
    ["block_id of 256", [section("a", { block_id: x(256) })], [["/blocks/0/block_id", "must be less than 256 characters"]]],
    [
      "duplicate block_id",
      [section("a", { block_id: "b" }), section("c", { block_id: "b" })],
      [["/blocks/1/block_id", "duplicate block_id: b (first at /blocks/0/block_id)"]],
    ],
    ["section text of 3000", [section(x(3000))], []],
    ["section text of 3001", [section(x(3001))], [["/blocks/0/text/text", "must be less than 3001 characters"]]],
    ["section text counts emoji once", [section("😀".repeat(3000))], []],
    ["empty section text", [section("")], [["/blocks/0/text/text", "must be more than 0 characters"]]],
    ["section without text or fields", [{ type: "section" }], [["/blocks/0", "must define either `text` or `fields`"]]],
    ["10 fields", [{ type: "section", fields: times(10, () => mrkdwn("f")) }], []],
    ["11 fields", [{ type: "section", fields: times(11, () => mrkdwn("f")) }], [["/blocks/0/fields", "no more than 10 items allowed"]]],
    ["field of 2001", [{ type: "section", fields: [mrkdwn(x(2001))] }], [["/blocks/0/fields/0/text", "must be less than 2001 characters"]]],
    ["header of 150", [{ type: "header", text: plain(x(150)) }], []],
    ["header of 151", [{ type: "header", text: plain(x(151)) }], [["/blocks/0/text/text", "must be less than 151 characters"]]],
    ["header in mrkdwn", [{ type: "header", text: mrkdwn("Hi") }], [["/blocks/0/text/type", "must be a valid enum value"]]],
    ["context with 10 elements", [{ type: "context", elements: times(10, () => mrkdwn("c")) }], []],
    [
      "context with 11 elements",
      [{ type: "context", elements: times(11, () => mrkdwn("c")) }],
      [["/blocks/0/elements", "no more than 10 items allowed"]],
    ],
    ["actions with 25 elements", [actions(times(25, (i) => button({ action_id: `a${i}` })))], []],
    [
      "actions with 26 elements",
      [actions(times(26, (i) => button({ action_id: `a${i}` })))],
      [["/blocks/0/elements", "no more than 25 items allowed"]],
    ],
    ["button text of 75", [actions([button({ text: plain(x(75)) })])], []],
    [
      "button text of 76",
      [actions([button({ text: plain(x(76)) })])],
      [["/blocks/0/elements/0/text/text", "must be less than 76 characters"]],
    ],
    [
      "button text in mrkdwn",
      [actions([button({ text: mrkdwn("Go") })])],
      [["/blocks/0/elements/0/text/type", "must be a valid enum value"]],
    ],
    [
      "action_id of 256",
      [actions([button({ action_id: x(256) })])],
      [["/blocks/0/elements/0/action_id", "must be less than 256 characters"]],
    ],
    [
      "button value of 2001",
      [actions([button({ value: x(2001) })])],
      [["/blocks/0/elements/0/value", "must be less than 2001 characters"]],
    ],
    ["button url of 3001", [actions([button({ url: x(3001) })])], [["/blocks/0/elements/0/url", "must be less than 3001 characters"]]],
    ["button style", [actions([button({ style: "blue" })])], [["/blocks/0/elements/0/style", "must be a valid enum value"]]],
    [
      "duplicate action_id in one block",
      [actions([button(), button()])],
      [["/blocks/0/elements/1/action_id", "duplicate action_id: go (first at /blocks/0/elements/0/action_id)"]],
    ],
    [
      "select with 100 options",
      [actions([{ type: "static_select", action_id: "s", options: times(100, (i) => option(`o${i}`, `v${i}`)) }])],
      [],
    ],
    [
      "select with 101 options",
      [actions([{ type: "static_select", action_id: "s", options: times(101, (i) => option(`o${i}`, `v${i}`)) }])],
      [["/blocks/0/elements/0/options", "no more than 100 items allowed"]],
    ],
    [
      "option text of 76",
      [actions([{ type: "static_select", action_id: "s", options: [option(x(76), "v")] }])],
      [["/blocks/0/elements/0/options/0/text/text", "must be less than 76 characters"]],
    ],
    ["option value of 150", [actions([{ type: "static_select", action_id: "s", options: [option("o", x(150))] }])], []],
    [
      "option value of 151",
      [actions([{ type: "static_select", action_id: "s", options: [option("o", x(151))] }])],
      [["/blocks/0/elements/0/options/0/value", "must be less than 151 characters"]],
    ],
    [
      "select without options",
      [actions([{ type: "static_select", action_id: "s" }])],
      [["/blocks/0/elements/0", "must provide exactly one of options or option_groups"]],
    ],
    [
      "overflow with 6 options",
      [actions([{ type: "overflow", action_id: "o", options: times(6, (i) => option(`o${i}`, `v${i}`)) }])],
      [["/blocks/0/elements/0/options", "no more than 5 items allowed"]],
    ],
    ["input label of 2000", [input({ label: plain(x(2000)) })], []],
    ["input label of 2001", [input({ label: plain(x(2001)) })], [["/blocks/0/label/text", "must be less than 2001 characters"]]],
    [
      "input with an elements array",
      [input({ element: undefined, elements: [{ type: "plain_text_input", action_id: "a" }] })],
      [
        ["/blocks/0/elements", "invalid additional property: elements"],
        ["/blocks/0", "missing required field: element"],
      ],
    ],
    ["input holding a button", [input({ element: button() })], [["/blocks/0/element/type", "unsupported type: button"]]],
    [
      "datepicker with a bad date",
      [actions([{ type: "datepicker", action_id: "d", initial_date: "25/12/2025" }])],
      [["/blocks/0/elements/0/initial_date", "must be a date in YYYY-MM-DD format"]],
    ],
    [
      "confirm text in mrkdwn",
      [actions([button({ confirm: { title: plain("Sure?"), text: mrkdwn("*Sure?*"), confirm: plain("Yes"), deny: plain("No") } })])],
      [["/blocks/0/elements/0/confirm/text/type", "must be a valid enum value"]],
    ],
    [
      "confirm title of 101",
      [actions([button({ confirm: { title: plain(x(101)), text: plain("Sure?"), confirm: plain("Yes"), deny: plain("No") } })])],
      [["/blocks/0/elements/0/confirm/title/text", "must be less than 101 characters"]],
    ],
  ];

  it.each(cases)("%s", (_name, blocks, expected) => {
    expect(errors(validateMessageBlocks(blocks))).toEqual(expected);
  });

  it("only warns when the same action_id is reused in another block", () => {
    const problems = validateMessageBlocks([actions([button()], "one"), actions([button()], "two")]);
    expect(errorsOnly(problems)).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ severity: "warning", pointer: "/blocks/1/elements/0/action_id" })]);
  });

  it("formats problems the way Slack's response_metadata does", () => {
    const [problem] = validateMessageBlocks([section(x(3001))]);
    expect(formatProblem(problem!)).toBe("[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]");
  });
});

describe("validateView", () => {
  const cases: Array<[string, unknown, Array<[string, string]>]> = [
    ["a valid modal", modal(), []],
    ["a valid home tab", { type: "home", blocks: [section("Welcome")] }, []],
    ["not an object", "modal", [["/view", "must provide an object"]]],
    ["unknown type", modal({ type: "dialog" }), [["/view/type", "must be a valid enum value"]]],
    ["title of 24", modal({ title: plain(x(24)) }), []],
    ["title of 25", modal({ title: plain(x(25)) }), [["/view/title/text", "must be less than 25 characters"]]],
    ["title in mrkdwn", modal({ title: mrkdwn("Hi") }), [["/view/title/type", "must be a valid enum value"]]],
    ["missing title", modal({ title: undefined }), [["/view", "missing required field: title"]]],
    ["submit of 25", modal({ submit: plain(x(25)) }), [["/view/submit/text", "must be less than 25 characters"]]],
    ["close of 25", modal({ close: plain(x(25)) }), [["/view/close/text", "must be less than 25 characters"]]],
    ["inputs without submit", modal({ submit: undefined }), [["/view/blocks/0", "must define `submit` to use an `input` block in modals"]]],
    ["100 blocks", modal({ blocks: times(100, () => ({ type: "divider" })) }), []],
    ["101 blocks", modal({ blocks: times(101, () => ({ type: "divider" })) }), [["/view/blocks", "no more than 100 items allowed"]]],
    ["callback_id of 256", modal({ callback_id: x(256) }), [["/view/callback_id", "must be less than 256 characters"]]],
    ["private_metadata of 3000", modal({ private_metadata: x(3000) }), []],
    ["private_metadata of 3001", modal({ private_metadata: x(3001) }), [["/view/private_metadata", "must be less than 3001 characters"]]],
    [
      "a message-only block",
      modal({ blocks: [{ type: "markdown", text: "hi" }], submit: undefined }),
      [["/view/blocks/0/type", "unsupported type: markdown"]],
    ],
    [
      "nested block problems point into the view",
      modal({ blocks: [input({ label: plain(x(2001)) })] }),
      [["/view/blocks/0/label/text", "must be less than 2001 characters"]],
    ],
  ];

  it.each(cases)("%s", (_name, view, expected) => {
    expect(errors(validateView(view))).toEqual(expected);
  });

  it("holds a view to the type the method expects", () => {
    expect(errors(validateView(modal(), { expectedType: "home" }))).toEqual([["/view/type", "must be a valid enum value"]]);
    expect(errors(validateView({ type: "home", blocks: [] }, { expectedType: "home" }))).toEqual([]);
  });
});
