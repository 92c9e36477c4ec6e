import { errorsOnly, formatProblem, type BlockKitProblem } from "../block-kit-limits";
import type { TriggerIds } from "../trigger-ids";
import type { JsonObject } from "../types";
import type { WorkspaceState } from "../workspace-state";

export interface MethodOptions {
  /** The bot has chat:write.public, so it may post into public channels it has not joined. */
  chatWritePublic: boolean;
}

export interface MethodContext {
  state: WorkspaceState;
  triggers: TriggerIds;
  options: MethodOptions;
  /** Arguments with JSON-encoded fields already decoded; undecodable JSON stays a string. */
  args: Record<string, unknown>;
}

export type MethodHandler = (ctx: MethodContext) => JsonObject;

export function ok(body: JsonObject = {}): JsonObject {
  return { ok: true, ...body };
}

export function fail(error: string, extra: JsonObject = {}): JsonObject {
  return { ok: false, error, ...extra };
}

/** Slack's generic shape for argument problems, e.g. "[ERROR] missing required field: topic". */
export function invalidArguments(messages: string[]): JsonObject {
  return fail("invalid_arguments", { response_metadata: { messages } });
}

export function missingField(name: string): JsonObject {
  return invalidArguments([`[ERROR] missing required field: ${name}`]);
}

/** chat.* answer: invalid_blocks with both the legacy `errors` list and response_metadata. */
export function invalidBlocks(problems: BlockKitProblem[]): JsonObject {
  const errors = errorsOnly(problems);
  return fail("invalid_blocks", {
    errors: errors.map((p) => `${p.message} [json-pointer:${p.pointer}]`),
    response_metadata: { messages: errors.map(formatProblem) },
  });
}

/** views.* answer: invalid_arguments, led by the schema line Slack prints first. */
export function invalidView(problems: BlockKitProblem[]): JsonObject {
  return invalidArguments(["[ERROR] failed to match all allowed schemas [json-pointer:/view]", ...errorsOnly(problems).map(formatProblem)]);
}

/** Form bodies carry everything as strings; JSON bodies may carry numbers and booleans. */
export function str(args: Record<string, unknown>, key: string): string | undefined {
  const value = args[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function bool(args: Record<string, unknown>, key: string): boolean {
  const value = args[key];
  return value === true || value === "true" || value === "1" || value === 1;
}

export function int(args: Record<string, unknown>, key: string, fallback: number): number {
  const value = args[key];
  const n = typeof value === "number" ? value : typeof value === "string" && value !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

export function list(args: Record<string, unknown>, key: string): string[] {
  const value = args[key];
  if (Array.isArray(value)) return value.map(String).filter((s) => s !== "");
  const s = str(args, key);
  return s === undefined
    ? []
    : s
        .split(",")
        .map((x) => x.trim())
        .filter((x) => x !== "");
}

export interface Page<T> {
  items: T[];
  nextCursor: string;
}

/**
 * Cursor pagination the way Slack encodes it: the cursor is base64 of "<kind>:<key of the next item>"
 * (conversations.history's look like base64("next_ts:1512085861.000543")).
 */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  kind: string,
  limit: number,
  cursor: string | undefined,
): Page<T> | "invalid_cursor" {
  let start = 0;
  if (cursor !== undefined && cursor !== "") {
    const decoded = Buffer.from(cursor, "base64").toString("utf8");
    if (!decoded.startsWith(`${kind}:`)) return "invalid_cursor";
    const key = decoded.slice(kind.length + 1);
    start = items.findIndex((item) => keyOf(item) === key);
    if (start < 0) return "invalid_cursor";
  }
  const page = items.slice(start, start + limit);
  const next = items[start + limit];
  return {
    items: page,
    nextCursor: next === undefined ? "" : Buffer.from(`${kind}:${keyOf(next)}`).toString("base64"),
  };
}
