import { errorsOnly, validateView } from "../block-kit-limits";
import type { JsonObject, ViewRecord } from "../types";
import { withBlockIds, type WorkspaceState } from "../workspace-state";
import { fail, invalidArguments, invalidView, missingField, ok, str, type MethodContext, type MethodHandler } from "./method-context";

const MAX_VIEW_BYTES = 250 * 1024;
/** views.push: "Currently the limit is 3" views in a modal stack. */
export const MODAL_STACK_LIMIT = 3;

function storedView(view: JsonObject): JsonObject {
  return Array.isArray(view.blocks) ? { ...view, blocks: withBlockIds(view.blocks) } : { ...view };
}

export function createViewRecord(
  state: WorkspaceState,
  view: JsonObject,
  userId: string,
  openedVia: string,
  stack?: { rootViewId: string; previousViewId: string },
): ViewRecord {
  const id = state.ids.next("V");
  const record: ViewRecord = {
    id,
    userId,
    type: view.type === "home" ? "home" : "modal",
    view: storedView(view),
    externalId: typeof view.external_id === "string" ? view.external_id : "",
    hash: state.newViewHash(),
    rootViewId: stack?.rootViewId ?? id,
    previousViewId: stack?.previousViewId ?? null,
    stateValues: {},
    isOpen: true,
    versions: [],
    openedVia,
  };
  state.views.set(id, record);
  return record;
}

export function replaceViewContent(state: WorkspaceState, record: ViewRecord, view: JsonObject): void {
  record.versions.push(record.view);
  record.view = storedView(view);
  record.externalId = typeof view.external_id === "string" ? view.external_id : record.externalId;
  record.hash = state.newViewHash();
}

/** Decodes and validates the `view` argument; returns the view or the error answer. */
function viewArgument(ctx: MethodContext, expectedType: "modal" | "home", selfId?: string): { view: JsonObject } | { error: JsonObject } {
  const view = ctx.args.view;
  if (view === undefined || view === null || view === "") return { error: missingField("view") };
  if (typeof view === "string") return { error: invalidArguments(["[ERROR] invalid json [json-pointer:/view]"]) };
  if (Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES) return { error: fail("view_too_large") };
  const problems = errorsOnly(validateView(view, { expectedType }));
  if (problems.length > 0) return { error: invalidView(problems) };
  const v = view as JsonObject;
  if (typeof v.external_id === "string" && v.external_id !== "") {
    const other = ctx.state.findViewByExternalId(v.external_id);
    if (other !== undefined && other.id !== selfId) return { error: fail("duplicate_external_id") };
  }
  return { view: v };
}

/** trigger_id is checked before the view; it is only spent once the view is accepted. */
function triggerUser(ctx: MethodContext): { userId: string; triggerId: string } | { error: JsonObject } {
  const triggerId = str(ctx.args, "trigger_id") ?? str(ctx.args, "interactivity_pointer");
  if (triggerId === undefined || triggerId === "") return { error: invalidArguments(["invalid `trigger_id`"]) };
  const check = ctx.triggers.check(triggerId);
  if (!check.ok) return { error: fail(check.error) };
  return { userId: check.userId, triggerId };
}

const open: MethodHandler = (ctx) => {
  const { state } = ctx;
  const trigger = triggerUser(ctx);
  if ("error" in trigger) return trigger.error;
  const parsed = viewArgument(ctx, "modal");
  if ("error" in parsed) return parsed.error;
  ctx.triggers.consume(trigger.triggerId);
  state.closeModals(trigger.userId, true);
  const record = createViewRecord(state, parsed.view, trigger.userId, "views.open");
  state.modalStack(trigger.userId).push(record.id);
  return ok({ view: state.renderView(record) });
};

const push: MethodHandler = (ctx) => {
  const { state } = ctx;
  const trigger = triggerUser(ctx);
  if ("error" in trigger) return trigger.error;
  const parsed = viewArgument(ctx, "modal");
  if ("error" in parsed) return parsed.error;
  const stack = state.modalStack(trigger.userId);
  if (stack.length === 0) return invalidArguments(["[ERROR] no modal is open to push onto"]);
  if (stack.length >= MODAL_STACK_LIMIT) return fail("push_limit_reached");
  ctx.triggers.consume(trigger.triggerId);
  const record = createViewRecord(state, parsed.view, trigger.userId, "views.push", {
    rootViewId: stack[0]!,
    previousViewId: stack[stack.length - 1]!,
  });
  stack.push(record.id);
  return ok({ view: state.renderView(record) });
};

const update: MethodHandler = (ctx) => {
  const { state } = ctx;
  const viewId = str(ctx.args, "view_id");
  const externalId = str(ctx.args, "external_id");
  if (!viewId && !externalId) return missingField("view_id");
  const record = viewId ? state.views.get(viewId) : state.findViewByExternalId(externalId!);
  // A modal the user already closed can no longer be updated.
  if (record === undefined || (record.type === "modal" && !record.isOpen)) return fail("not_found");
  const hash = str(ctx.args, "hash");
  if (hash !== undefined && hash !== "" && hash !== record.hash) return fail("hash_conflict");
  const parsed = viewArgument(ctx, record.type, record.id);
  if ("error" in parsed) return parsed.error;
  replaceViewContent(state, record, parsed.view);
  return ok({ view: state.renderView(record) });
};

const publish: MethodHandler = (ctx) => {
  const { state } = ctx;
  const userId = str(ctx.args, "user_id");
  const user = userId === undefined ? undefined : state.users.get(userId);
  if (user === undefined || user.deleted) return invalidArguments(["invalid `user_id`"]);
  const existingId = state.homeViewIds.get(user.id);
  const existing = existingId === undefined ? undefined : state.views.get(existingId);
  const hash = str(ctx.args, "hash");
  if (existing !== undefined && hash !== undefined && hash !== "" && hash !== existing.hash) return fail("hash_conflict");
  const parsed = viewArgument(ctx, "home", existing?.id);
  if ("error" in parsed) return parsed.error;
  let record: ViewRecord;
  if (existing === undefined) {
    record = createViewRecord(state, parsed.view, user.id, "views.publish");
    state.homeViewIds.set(user.id, record.id);
  } else {
    record = existing;
    replaceViewContent(state, record, parsed.view);
  }
  return ok({ view: state.renderView(record) });
};

export const VIEW_METHODS: Record<string, MethodHandler> = {
  "views.open": open,
  "views.push": push,
  "views.update": update,
  "views.publish": publish,
};
