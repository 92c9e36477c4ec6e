import fc from "fast-check";
import { type AppResponse, errorsOnly, validateMessageBlocks, validateView } from "../../../src/local-slack";
import { inputsOf } from "./submissions";

type Json = Record<string, unknown>;

/** Text as people type or paste it: anything printable, control characters, Slack markup, very long, numbers that are not. */
export const typedText = (maxLength = 120): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength }) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary-ascii", maxLength: 40 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "",
        "   ",
        "\n\t",
        "\u0000",
        "<@U0STAFF0001>",
        "<!channel>",
        "<#C0123|general>",
        "*bold* _it_ `code` ~x~",
        '\'; DROP TABLE "Group"; --',
        "x".repeat(3001),
        "9".repeat(40),
        "-1",
        "0",
        "1e309",
        "NaN",
        "https://",
        "javascript:alert(1)",
        "\u202Egnp.exe",
        "2021-02-30",
        "25:61",
      ),
    },
  );

const option = (value: string) => ({ text: { type: "plain_text", text: value.slice(0, 75) || " " }, value });
const optionValues = (element: Json): string[] => {
  const options =
    (element.options as { value: string }[] | undefined) ??
    (element.option_groups as { options: { value: string }[] }[] | undefined)?.flatMap((g) => g.options) ??
    [];
  return options.map((o) => o.value);
};
const isoDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`);

/**
 * The state Slack could submit for one input element: what its client lets a person enter (any
 * text, a listed option, a workspace user, a valid date or time; nothing only where the input is
 * optional), plus stale option values a modal left open for long could still carry.
 */
export function stateEntryOf(
  element: Json,
  ctx: { users: readonly string[]; channels: readonly string[] },
  optional: boolean,
): fc.Arbitrary<Json> {
  const type = String(element.type);
  const maybe = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> => (optional ? fc.option(a, { nil: null, freq: 5 }) : a);
  const listed = optionValues(element);
  const optionValue = fc.oneof(
    { weight: 5, arbitrary: listed.length ? fc.constantFrom(...listed) : fc.string() },
    { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  );
  const user = fc.constantFrom(...ctx.users);
  const channel = fc.constantFrom(...ctx.channels, "C0GONE0001");
  switch (type) {
    case "plain_text_input":
    case "email_text_input":
      return maybe(typedText(Number(element.max_length ?? 200) + 10)).map((value) => ({ type, value }));
    case "url_text_input":
      return maybe(fc.oneof(fc.webUrl(), typedText(200))).map((value) => ({ type, value }));
    case "number_input":
      return maybe(fc.oneof(fc.integer({ min: -1000, max: 100_000 }).map(String), fc.double().map(String), typedText(20))).map((value) => ({
        type,
        value,
      }));
    case "static_select":
    case "external_select":
    case "radio_buttons":
      return maybe(optionValue).map((v) => ({ type, selected_option: v === null ? null : option(v) }));
    case "multi_static_select":
    case "multi_external_select":
    case "checkboxes":
      return fc.array(optionValue, { maxLength: 6 }).map((vs) => ({ type, selected_options: [...new Set(vs)].map(option) }));
    case "users_select":
      return maybe(user).map((selected_user) => ({ type, selected_user }));
    case "multi_users_select":
      return fc.uniqueArray(user, { maxLength: 6 }).map((selected_users) => ({ type, selected_users }));
    case "conversations_select":
      return maybe(channel).map((selected_conversation) => ({ type, selected_conversation }));
    case "channels_select":
      return maybe(channel).map((selected_channel) => ({ type, selected_channel }));
    case "multi_conversations_select":
      return fc.uniqueArray(channel, { maxLength: 4 }).map((selected_conversations) => ({ type, selected_conversations }));
    case "multi_channels_select":
      return fc.uniqueArray(channel, { maxLength: 4 }).map((selected_channels) => ({ type, selected_channels }));
    case "datepicker":
      return maybe(isoDate).map((selected_date) => ({ type, selected_date }));
    case "timepicker":
      return maybe(time).map((selected_time) => ({ type, selected_time }));
    case "datetimepicker":
      return maybe(fc.integer({ min: 0, max: 7_258_118_400 })).map((selected_date_time) => ({ type, selected_date_time }));
    default:
      throw new Error(`no generator for input elements of type ${type}: add one`);
  }
}

/** A whole submitted state for `view`, every input block present, as Slack sends it. */
export function stateFor(
  view: Json,
  ctx: { users: readonly string[]; channels: readonly string[] },
): fc.Arbitrary<Record<string, Record<string, Json>>> {
  const inputs = inputsOf(view as { blocks?: unknown[] });
  return fc
    .tuple(...inputs.map((i) => stateEntryOf(i.element, ctx, i.optional)))
    .map((entries) => Object.fromEntries(inputs.map((i, k) => [i.blockId, { [String(i.element.action_id)]: entries[k]! }])));
}

export const APOLOGY = /could not (save|finish|load) this just now|could not finish that just now/i;

/**
 * What a person may see after submitting a form: the modal closed or updated with an outcome
 * Slack accepts, or field errors on this form's own inputs, each with its own wording; never a
 * server error, nor the apology that only unexpected failures get.
 */
export function expectSpecificAnswer(res: AppResponse, view: Json): void {
  expect(res.status).toBe(200);
  if (res.body === "" || res.body === undefined || res.body === null) return;
  expect(typeof res.body).toBe("object");
  const body = res.body as { response_action?: string; errors?: Record<string, unknown>; view?: unknown };
  const text = JSON.stringify(body);
  expect(text).not.toMatch(APOLOGY);
  switch (body.response_action) {
    case "errors": {
      const inputs = inputsOf(view as { blocks?: unknown[] }).map((i) => i.blockId);
      const errors = Object.entries(body.errors ?? {});
      expect(errors.length).toBeGreaterThan(0);
      for (const [blockId, message] of errors) {
        expect(inputs).toContain(blockId);
        expect(typeof message).toBe("string");
        expect((message as string).trim().length).toBeGreaterThan(3);
      }
      return;
    }
    case "update":
    case "push":
      expect(errorsOnly(validateView(body.view, { expectedType: "modal" }))).toEqual([]);
      return;
    case "clear":
      return;
    default:
      throw new Error(`unexpected answer to a submission: ${text.slice(0, 300)}`);
  }
}

/** An ephemeral answer to a command: 200, Block Kit Slack accepts, and never the apology. */
export function expectSpecificReply(res: AppResponse & { ackProblems?: unknown[] }): void {
  expect(res.status).toBe(200);
  expect(res.ackProblems ?? []).toEqual([]);
  if (res.body === "" || res.body === undefined || res.body === null) return;
  const body = res.body as { text?: string; blocks?: unknown[] };
  expect(JSON.stringify(body)).not.toMatch(APOLOGY);
  expect(typeof body.text === "string" || Array.isArray(body.blocks)).toBe(true);
  if (body.blocks) expect(errorsOnly(validateMessageBlocks(body.blocks))).toEqual([]);
}
