/**
 * What a person does on the sandbox page, played as Slack plays it: each action is the local
 * Slack's signed request into Convene (a slash command, block_actions, view_submission,
 * view_closed, an app_home_opened event), never a call into Convene's services. Requests are
 * parsed with zod; a bad one is an ApiError 400 with a message the page shows.
 */
import { z } from "zod";
import type { AppResponse, LocalSlack } from "../local-slack";
import type { NextPost } from "./next-reminder";
import type { SandboxClock } from "./sandbox-clock";
import type { SandboxPerson } from "./sandbox-workspace";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ActionDeps {
  slack: LocalSlack;
  clock: SandboxClock;
  people: readonly SandboxPerson[];
  modalErrors: Map<string, Record<string, string>>;
  /** Runs the reminder scheduler's tick at the clock's time. */
  tick(): Promise<unknown>;
  /** When Convene next posts anything, and where. */
  nextPost(): Promise<NextPost | null>;
}

/** What the page hears back: a notice to show, when Slack would have shown one. */
export interface ActionResult {
  notice?: string;
}

const HOUR = 3600_000;
const ADVANCE = { hour: HOUR, day: 24 * HOUR } as const;

const personId = z.string({ error: "Say who is acting: `as` must be a person's user id." }).min(1);
const id = z.string().min(1);

const schemas = {
  command: z.object({
    as: personId,
    channel: id,
    text: z
      .string()
      .trim()
      .min(1, "Type a message, or a command such as /convene help.")
      .max(4000, "That is longer than Slack allows (4,000 characters)."),
  }),
  action: z.object({
    as: personId,
    where: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("message"), channel: id, ts: id }),
      z.object({ kind: z.literal("ephemeral"), ts: id }),
      z.object({ kind: z.literal("view"), viewId: id }),
      z.object({ kind: z.literal("home") }),
    ]),
    actionId: id,
    blockId: z.string().optional(),
    elementType: id,
    selected: z.union([z.string(), z.array(z.string())]).optional(),
  }),
  submit: z.object({
    as: personId,
    viewId: id,
    values: z.record(z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string()), z.null()]))),
  }),
  close: z.object({ as: personId, viewId: id }),
  home: z.object({ as: personId }),
  clock: z.object({
    advance: z.enum(["hour", "day", "next-reminder"], { error: 'advance must be "hour", "day" or "next-reminder".' }),
    /** Who is looking: told where a post went that they cannot see. */
    as: z.string().optional(),
  }),
};

export type ActionName = keyof typeof schemas;
export const ACTION_NAMES = Object.keys(schemas) as ActionName[];

function parse<K extends ActionName>(name: K, body: unknown): z.infer<(typeof schemas)[K]> {
  const result = schemas[name].safeParse(body);
  if (result.success) return result.data as z.infer<(typeof schemas)[K]>;
  const issue = result.error.issues[0]!;
  throw new ApiError(400, `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}`);
}

export function personOf(deps: Pick<ActionDeps, "people">, userId: string): SandboxPerson {
  const person = deps.people.find((p) => p.id === userId);
  if (!person) throw new ApiError(400, `There is no ${userId} in this workspace; pick someone from the list.`);
  return person;
}

/** Slack shows an app's refusal or silence as an error; the page shows the same. */
function answered(res: AppResponse | null, what: string): ActionResult {
  if (res && res.status !== 200) throw new ApiError(502, `${what} failed: Convene answered HTTP ${res.status}.`);
  return res?.tooSlow ? { notice: `${what} took over 3 seconds: Slack would have shown an error, though Convene carried on.` } : {};
}

/** The local Slack refuses what no Slack client could send (a button that is gone, a required field left empty). */
async function asSlack<T>(act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    if (err instanceof Error && err.message.startsWith("LocalSlack:")) throw new ApiError(409, err.message.replace(/^LocalSlack: /, ""));
    throw err;
  }
}

export async function runAction(deps: ActionDeps, name: ActionName, body: unknown): Promise<ActionResult> {
  const { slack } = deps;
  switch (name) {
    case "command": {
      const { as, channel, text } = parse("command", body);
      const userId = personOf(deps, as).id;
      if (channel !== slack.dmChannelId(userId) && !slack.channel(channel)?.members.has(userId))
        throw new ApiError(400, "You can only write in channels you are in.");
      if (!text.startsWith("/")) {
        slack.addMessage({ channel, user: userId, text });
        return {};
      }
      const [command = "", ...rest] = text.split(/\s+/);
      if (command !== "/convene")
        throw new ApiError(400, `${command} is not a valid command. Only /convene is installed in this workspace.`);
      return answered(await asSlack(() => slack.sendCommand({ userId, command, text: rest.join(" "), channelId: channel })), command);
    }
    case "action": {
      const { as, where, actionId, blockId, elementType, selected } = parse("action", body);
      const surface =
        where.kind === "message"
          ? { channelId: where.channel, messageTs: where.ts }
          : where.kind === "ephemeral"
            ? { ephemeralTs: where.ts }
            : where.kind === "view"
              ? { viewId: where.viewId }
              : { home: true };
      const input = { userId: personOf(deps, as).id, actionId, blockId: blockId || undefined, ...surface };
      if (elementType === "button") return answered(await asSlack(() => slack.clickButton(input)), "That button");
      if (selected === undefined) throw new ApiError(400, `selected: choose a value for ${elementType}.`);
      return answered(await asSlack(() => slack.selectOption({ ...input, selected })), "That choice");
    }
    case "submit": {
      const { as, viewId, values } = parse("submit", body);
      // Slack sends null, not "", for a text input left empty.
      const sent = Object.fromEntries(
        Object.entries(values).map(([block, byAction]) => [
          block,
          Object.fromEntries(Object.entries(byAction).map(([a, v]) => [a, v === "" ? null : v])),
        ]),
      );
      const res = await asSlack(() => slack.submitView({ viewId, userId: personOf(deps, as).id, values: sent }));
      if (res.errors) deps.modalErrors.set(viewId, res.errors);
      else deps.modalErrors.delete(viewId);
      if (res.viewProblems.length)
        throw new ApiError(502, `Convene answered with a view Slack would refuse: ${res.viewProblems.map((p) => p.message).join("; ")}`);
      return answered(res, "Submitting");
    }
    case "close": {
      const { as, viewId } = parse("close", body);
      deps.modalErrors.delete(viewId);
      return answered(await asSlack(() => slack.closeView({ viewId, userId: personOf(deps, as).id })), "Closing");
    }
    case "home": {
      const { as } = parse("home", body);
      return answered(await slack.sendEvent({ type: "app_home_opened", user: personOf(deps, as).id, tab: "home" }), "Opening Home");
    }
    case "clock": {
      const { advance, as } = parse("clock", body);
      if (advance !== "next-reminder") {
        deps.clock.advance(ADVANCE[advance]);
        await deps.tick();
        return {};
      }
      const next = await deps.nextPost();
      if (!next) throw new ApiError(409, "Convene has nothing planned to post in the coming year.");
      deps.clock.moveTo(next.at);
      await deps.tick();
      const unseen = as ? unseenBy(deps, personOf(deps, as).id, next.channelIds) : [];
      return unseen.length ? { notice: `Convene posted ${unseen.join(" and ")}.` } : {};
    }
  }
}

/** Where posts went that this person cannot see: channels they are not in, others' DMs. */
function unseenBy(deps: ActionDeps, me: string, channelIds: readonly string[]): string[] {
  return channelIds.flatMap((id) => {
    const person = deps.people.find((p) => p.id === id);
    if (person) return person.id === me ? [] : [`a direct message to ${person.name}`];
    const channel = deps.slack.channel(id);
    return channel && !channel.members.has(me) ? [`in #${channel.name}, which you are not in`] : [];
  });
}
