import { errorsOnly, validateMessageBlocks, validateView, type BlockKitProblem } from "./block-kit-limits";
import type { DeliveryStamps } from "./signing";
import { postToApp } from "./app-requests";
import {
  actionFor,
  blockActionsPayload,
  eventCallbackEnvelope,
  escapeCommandText,
  formEncode,
  interactionBody,
  slashCommandFields,
  viewClosedPayload,
  type SlashCommandFields,
  viewSubmissionPayload,
  type Actor,
} from "./payloads";
import { createResponseUrl } from "./response-urls";
import type { TriggerIds } from "./trigger-ids";
import type { AppResponse, ChannelRecord, EphemeralRecord, JsonObject, MessageRecord, ViewRecord } from "./types";
import {
  initialStateValue,
  interactiveElements,
  isEmptyState,
  locateElement,
  selectionFields,
  stateValueFor,
  type LocatedElement,
} from "./view-state";
import { createViewRecord, MODAL_STACK_LIMIT, replaceViewContent } from "./web-api-methods";
import { withBlockIds, type WorkspaceState } from "./workspace-state";

/** What the driver needs from LocalSlack. */
export interface DriverHost {
  readonly state: WorkspaceState;
  readonly triggers: TriggerIds;
  readonly baseUrl: string;
  readonly signingSecret: string;
  readonly appRequestUrl: string | undefined;
  readonly stamps: DeliveryStamps;
}

/** Where the element the user touches lives. Without any of these, the user's top modal, then their Home tab. */
export interface SurfaceSelector {
  viewId?: string;
  /** The user's published Home tab. */
  home?: boolean;
  /** A message: its channel, plus its ts (defaults to the newest message there holding the action). */
  channelId?: string;
  messageTs?: string;
  /** An ephemeral message shown to the user, by its ts. */
  ephemeralTs?: string;
}

export interface CommandInput {
  userId: string;
  command: string;
  text?: string;
  /** Defaults to the user's DM with the app. */
  channelId?: string;
}

export interface CommandResult extends AppResponse {
  triggerId: string;
  responseUrl: string;
  responseUrlId: string;
  payload: SlashCommandFields;
  /** Block Kit problems in an immediate (ack) reply, which Slack would refuse to show. */
  ackProblems: BlockKitProblem[];
}

export interface ButtonInput extends SurfaceSelector {
  userId: string;
  actionId: string;
  blockId?: string;
}

export interface SelectInput extends ButtonInput {
  /** Option value(s), user id(s), channel id(s), a date "YYYY-MM-DD", a time "HH:mm", ... */
  selected: unknown;
}

export interface InteractionResult extends AppResponse {
  triggerId: string;
  responseUrl?: string;
  responseUrlId?: string;
  payload: JsonObject;
}

export interface SubmitInput {
  viewId: string;
  userId?: string;
  /** { [blockId]: { [actionId]: shorthand value or full state entry } }, merged over initial values. */
  values?: Record<string, Record<string, unknown>>;
  /** The Slack client refuses to submit with a required input empty; set to send anyway. */
  allowMissingRequired?: boolean;
}

export interface SubmitResult extends AppResponse {
  triggerId: string;
  payload: JsonObject;
  /** response_action from the ack, if any. */
  responseAction?: string;
  /** The ack's `errors` for response_action "errors". */
  errors?: Record<string, string>;
  /** Problems with a view the app answered with (update/push); Slack would show the user an error. */
  viewProblems: BlockKitProblem[];
  /** The user's modal stack after Slack applied the answer. */
  openViewIds: string[];
}

export interface EventOptions {
  retryNum?: number;
  retryReason?: string;
  /** Reuse an event_id, e.g. to send the same event again as a retry. */
  eventId?: string;
  eventTime?: number;
}

export interface EventResult extends AppResponse {
  eventId: string;
  payload: JsonObject;
}

export class AppDriver {
  constructor(private readonly host: DriverHost) {}

  private get state(): WorkspaceState {
    return this.host.state;
  }

  private appUrl(): string {
    const url = this.host.appRequestUrl;
    if (url === undefined || url === "") throw new Error("LocalSlack: set slack.appRequestUrl to where the app listens first");
    return url;
  }

  private actor(userId: string): Actor {
    const user = this.state.users.get(userId);
    if (user === undefined) throw new Error(`LocalSlack: unknown user ${userId}; add it with slack.addUser() first`);
    return {
      userId,
      userName: user.name,
      teamId: this.state.team.id,
      teamDomain: this.state.team.domain,
      apiAppId: this.state.bot.appId,
    };
  }

  private channelName(channel: ChannelRecord): string {
    return channel.isIm ? "directmessage" : channel.name;
  }

  private post(
    body: string,
    contentType: "application/x-www-form-urlencoded" | "application/json",
    headers?: Record<string, string>,
  ): Promise<AppResponse> {
    return postToApp(this.appUrl(), body, {
      contentType,
      signingSecret: this.host.signingSecret,
      timestampSeconds: this.host.stamps.stamp(body),
      headers,
    });
  }

  // --- slash commands -------------------------------------------------------------------------

  async sendCommand(input: CommandInput): Promise<CommandResult> {
    const actor = this.actor(input.userId);
    const channel = input.channelId === undefined ? this.state.openIm(input.userId) : this.state.findChannel(input.channelId);
    if (channel === undefined) throw new Error(`LocalSlack: unknown channel ${input.channelId}`);
    const responseUrl = createResponseUrl(this.state, this.host.baseUrl, {
      channelId: channel.id,
      userId: input.userId,
      source: "slash_command",
    });
    const triggerId = this.host.triggers.issue(input.userId);
    const payload = slashCommandFields({
      actor,
      command: input.command,
      text: escapeCommandText(input.text ?? "", {
        user: (handle) => [...this.state.users.values()].find((u) => !u.deleted && u.name.toLowerCase() === handle.toLowerCase())?.id,
        channel: (name) => [...this.state.channels.values()].find((c) => !c.isIm && c.name === name.toLowerCase())?.id,
      }),
      channelId: channel.id,
      channelName: this.channelName(channel),
      triggerId,
      responseUrl: responseUrl.url,
    });
    const response = await this.post(formEncode(payload), "application/x-www-form-urlencoded");
    const ackProblems = this.recordImmediateReply(response, channel.id, input.userId);
    return { ...response, triggerId, responseUrl: responseUrl.url, responseUrlId: responseUrl.id, payload, ackProblems };
  }

  /** A command ack with a body (JSON, or plain text) is shown to the user right away, like a response_url reply. */
  private recordImmediateReply(response: AppResponse, channelId: string, userId: string): BlockKitProblem[] {
    if (response.status !== 200 || response.body === "" || response.body === null) return [];
    const body: JsonObject = typeof response.body === "string" ? { text: response.body } : (response.body as JsonObject);
    if (body.text === undefined && body.blocks === undefined) return [];
    const problems = body.blocks === undefined ? [] : errorsOnly(validateMessageBlocks(body.blocks));
    if (problems.length > 0) return problems;
    const text = typeof body.text === "string" ? body.text : undefined;
    const blocks = Array.isArray(body.blocks) ? body.blocks : undefined;
    if (body.response_type === "in_channel") {
      this.state.addMessage(channelId, { text, blocks, user: this.state.bot.userId, bot: true, via: "command_ack" });
    } else {
      this.state.ephemerals.push({
        channel: channelId,
        user: userId,
        ts: this.state.nextTs(),
        text,
        blocks: blocks && withBlockIds(blocks),
        via: "command_ack",
      });
    }
    return [];
  }

  // --- block_actions --------------------------------------------------------------------------

  private locate(input: ButtonInput): {
    element: LocatedElement;
    view?: ViewRecord;
    message?: { record: MessageRecord; channel: ChannelRecord };
    ephemeral?: { record: EphemeralRecord; channel: ChannelRecord };
  } {
    const { state } = this;
    const where = (v: ViewRecord) => `view ${v.id}`;
    if (input.ephemeralTs !== undefined) {
      const record = state.ephemerals.find((e) => e.ts === input.ephemeralTs && e.user === input.userId);
      if (record === undefined) throw new Error(`LocalSlack: no ephemeral message ${input.ephemeralTs} shown to ${input.userId}`);
      const channel = state.findChannel(record.channel)!;
      return {
        element: locateElement(record.blocks, input.actionId, input.blockId, `ephemeral ${record.ts}`),
        ephemeral: { record, channel },
      };
    }
    if (input.viewId !== undefined) {
      const view = state.views.get(input.viewId);
      if (view === undefined) throw new Error(`LocalSlack: unknown view ${input.viewId}`);
      if (!view.isOpen) throw new Error(`LocalSlack: view ${view.id} is closed`);
      return { element: locateElement(view.view.blocks, input.actionId, input.blockId, where(view)), view };
    }
    if (input.home) {
      const view = this.homeRecord(input.userId);
      return { element: locateElement(view.view.blocks, input.actionId, input.blockId, where(view)), view };
    }
    if (input.channelId !== undefined) {
      const channel = state.findChannel(input.channelId) ?? state.resolveConversation(input.channelId);
      if (channel === undefined) throw new Error(`LocalSlack: unknown channel ${input.channelId}`);
      const candidates =
        input.messageTs === undefined
          ? [...state.liveMessages(channel.id)].reverse()
          : [state.findMessage(channel.id, input.messageTs)].filter((m): m is MessageRecord => m !== undefined);
      if (candidates.length === 0) throw new Error(`LocalSlack: no message ${input.messageTs ?? ""} in ${channel.id}`);
      const record =
        input.messageTs === undefined
          ? candidates.find((m) =>
              interactiveElements(m.blocks).some(
                (e) => e.element.action_id === input.actionId && (input.blockId === undefined || e.blockId === input.blockId),
              ),
            )
          : candidates[0];
      if (record === undefined) throw new Error(`LocalSlack: no message in ${channel.id} has action_id "${input.actionId}"`);
      return { element: locateElement(record.blocks, input.actionId, input.blockId, `message ${record.ts}`), message: { record, channel } };
    }
    const stack = state.modalStack(input.userId);
    const top = stack.length === 0 ? undefined : state.views.get(stack[stack.length - 1]!);
    if (top !== undefined) return { element: locateElement(top.view.blocks, input.actionId, input.blockId, where(top)), view: top };
    const home = this.homeRecord(input.userId);
    return { element: locateElement(home.view.blocks, input.actionId, input.blockId, where(home)), view: home };
  }

  private homeRecord(userId: string): ViewRecord {
    const id = this.state.homeViewIds.get(userId);
    const view = id === undefined ? undefined : this.state.views.get(id);
    if (view === undefined) throw new Error(`LocalSlack: no Home tab published for ${userId}`);
    return view;
  }

  async clickButton(input: ButtonInput): Promise<InteractionResult> {
    const located = this.locate(input);
    if (located.element.element.type !== "button") {
      throw new Error(`LocalSlack: ${input.actionId} is a ${String(located.element.element.type)}, not a button; use selectOption`);
    }
    return this.sendBlockAction(input.userId, located, {});
  }

  /**
   * Picks a value in a select, date picker, checkbox group, ... Elements inside input blocks only
   * update the view's state (Slack sends nothing unless the block sets dispatch_action), so then
   * this resolves to null.
   */
  async selectOption(input: SelectInput): Promise<InteractionResult | null> {
    const located = this.locate(input);
    const { element, blockId } = located.element;
    if (located.view !== undefined) {
      const values = (located.view.stateValues[blockId] ??= {});
      values[String(element.action_id)] = stateValueFor(element, input.selected);
    }
    if (located.element.inInput && located.element.block.dispatch_action !== true) return null;
    return this.sendBlockAction(input.userId, located, selectionFields(element, input.selected));
  }

  private async sendBlockAction(
    userId: string,
    located: ReturnType<AppDriver["locate"]>,
    selection: JsonObject,
  ): Promise<InteractionResult> {
    const { state } = this;
    const actor = this.actor(userId);
    const triggerId = this.host.triggers.issue(userId);
    const action = actionFor(located.element.element, located.element.blockId, state.nextTs(), selection);
    let payload: JsonObject;
    let responseUrl: { url: string; id: string } | undefined;
    if (located.view !== undefined) {
      payload = blockActionsPayload({ actor, actions: [action], triggerId, view: state.renderView(located.view) });
    } else if (located.ephemeral !== undefined) {
      // Slack sends no copy of an ephemeral message; its response_url can replace or delete it.
      const { record, channel } = located.ephemeral;
      const created = createResponseUrl(state, this.host.baseUrl, {
        channelId: channel.id,
        userId,
        messageTs: record.ts,
        isEphemeral: true,
        source: "block_actions",
      });
      responseUrl = { url: created.url, id: created.id };
      payload = blockActionsPayload({
        actor,
        actions: [action],
        triggerId,
        ephemeral: { ts: record.ts, threadTs: record.thread_ts, channelId: channel.id, channelName: this.channelName(channel) },
        responseUrl: created.url,
      });
    } else {
      const { record, channel } = located.message!;
      const created = createResponseUrl(state, this.host.baseUrl, {
        channelId: channel.id,
        userId,
        messageTs: record.ts,
        source: "block_actions",
      });
      responseUrl = { url: created.url, id: created.id };
      payload = blockActionsPayload({
        actor,
        actions: [action],
        triggerId,
        message: {
          message: state.renderMessage(record, { includeMetadata: true }),
          channelId: channel.id,
          channelName: this.channelName(channel),
        },
        responseUrl: created.url,
      });
    }
    const response = await this.post(interactionBody(payload), "application/x-www-form-urlencoded");
    return { ...response, triggerId, responseUrl: responseUrl?.url, responseUrlId: responseUrl?.id, payload };
  }

  // --- view_submission / view_closed ----------------------------------------------------------

  private openModal(viewId: string, userId: string | undefined): ViewRecord {
    const view = this.state.views.get(viewId);
    if (view === undefined || view.type !== "modal") throw new Error(`LocalSlack: ${viewId} is not a modal the app opened`);
    if (userId !== undefined && view.userId !== userId)
      throw new Error(`LocalSlack: view ${viewId} belongs to ${view.userId}, not ${userId}`);
    const stack = this.state.modalStack(view.userId);
    if (!view.isOpen || stack[stack.length - 1] !== viewId) {
      throw new Error(`LocalSlack: view ${viewId} is not the modal on screen (open: ${stack.join(", ") || "none"})`);
    }
    return view;
  }

  async submitView(input: SubmitInput): Promise<SubmitResult> {
    const { state } = this;
    const view = this.openModal(input.viewId, input.userId);
    const inputs = interactiveElements(view.view.blocks).filter((e) => e.inInput);
    const values: Record<string, Record<string, JsonObject>> = {};
    for (const e of inputs) {
      const actionId = String(e.element.action_id);
      const current = view.stateValues[e.blockId]?.[actionId] ?? initialStateValue(e.element);
      (values[e.blockId] ??= {})[actionId] = current;
    }
    for (const [blockId, byAction] of Object.entries(input.values ?? {})) {
      for (const [actionId, value] of Object.entries(byAction)) {
        const located = locateElement(view.view.blocks, actionId, blockId, `view ${view.id}`);
        (values[blockId] ??= {})[actionId] = stateValueFor(located.element, value);
      }
    }
    if (!input.allowMissingRequired) {
      const missing = inputs.filter((e) => !e.optional && isEmptyState(values[e.blockId]![String(e.element.action_id)]!));
      if (missing.length > 0) {
        throw new Error(
          `LocalSlack: required inputs left empty (the client would not submit): ${missing.map((e) => `${e.blockId}/${String(e.element.action_id)}`).join(", ")}`,
        );
      }
    }
    view.stateValues = values;
    const triggerId = this.host.triggers.issue(view.userId);
    const payload = viewSubmissionPayload({ actor: this.actor(view.userId), view: state.renderView(view), triggerId });
    const response = await this.post(interactionBody(payload), "application/x-www-form-urlencoded");
    const outcome = this.applySubmissionAnswer(view, response);
    return { ...response, triggerId, payload, ...outcome, openViewIds: [...state.modalStack(view.userId)] };
  }

  /** What Slack does with the ack: close, show errors, update, push or clear. */
  private applySubmissionAnswer(view: ViewRecord, response: AppResponse): Pick<SubmitResult, "responseAction" | "errors" | "viewProblems"> {
    const { state } = this;
    if (response.status !== 200) return { viewProblems: [] };
    const body = typeof response.body === "object" && response.body !== null ? (response.body as JsonObject) : {};
    const action = typeof body.response_action === "string" ? body.response_action : undefined;
    switch (action) {
      case undefined:
        state.closeModals(view.userId, false);
        return { viewProblems: [] };
      case "errors":
        return { responseAction: action, errors: body.errors as Record<string, string>, viewProblems: [] };
      case "clear":
        state.closeModals(view.userId, true);
        return { responseAction: action, viewProblems: [] };
      case "update":
      case "push": {
        const problems = errorsOnly(validateView(body.view, { expectedType: "modal" }));
        if (problems.length > 0) return { responseAction: action, viewProblems: problems };
        const next = body.view as JsonObject;
        if (action === "update") {
          replaceViewContent(state, view, next);
          view.stateValues = {};
          return { responseAction: action, viewProblems: [] };
        }
        const stack = state.modalStack(view.userId);
        if (stack.length >= MODAL_STACK_LIMIT) {
          return { responseAction: action, viewProblems: [{ pointer: "/view", message: "push_limit_reached", severity: "error" }] };
        }
        const pushed = createViewRecord(state, next, view.userId, "response_action", { rootViewId: stack[0]!, previousViewId: view.id });
        stack.push(pushed.id);
        return { responseAction: action, viewProblems: [] };
      }
      default:
        return {
          responseAction: action,
          viewProblems: [{ pointer: "/response_action", message: "must be a valid enum value", severity: "error" }],
        };
    }
  }

  /** The user dismisses the modal on screen; view_closed reaches the app only with notify_on_close. */
  async closeView(input: { viewId: string; userId?: string }): Promise<(AppResponse & { payload: JsonObject }) | null> {
    const view = this.openModal(input.viewId, input.userId);
    const isCleared = view.view.clear_on_close === true;
    const rendered = this.state.renderView(view);
    this.state.closeModals(view.userId, isCleared);
    if (view.view.notify_on_close !== true) return null;
    const payload = viewClosedPayload({ actor: this.actor(view.userId), view: rendered, isCleared });
    const response = await this.post(interactionBody(payload), "application/x-www-form-urlencoded");
    return { ...response, payload };
  }

  // --- Events API -----------------------------------------------------------------------------

  async sendEvent(event: JsonObject, options: EventOptions = {}): Promise<EventResult> {
    const { state } = this;
    const filled = this.completeEvent(event);
    const eventId = options.eventId ?? state.ids.next("Ev", 12);
    const payload = eventCallbackEnvelope(filled, {
      teamId: state.team.id,
      apiAppId: state.bot.appId,
      botUserId: state.bot.userId,
      eventId,
      eventTime: options.eventTime ?? state.nowSeconds(),
    });
    const headers: Record<string, string> = {};
    if (options.retryNum !== undefined) headers["x-slack-retry-num"] = String(options.retryNum);
    if (options.retryReason !== undefined) headers["x-slack-retry-reason"] = options.retryReason;
    const response = await this.post(JSON.stringify(payload), "application/json", headers);
    return { ...response, eventId, payload };
  }

  /**
   * Fills fields Slack always sends (event_ts, team, the DM channel and Home view for
   * app_home_opened) and applies membership changes the event reports, so the app's follow-up
   * API calls see a consistent workspace.
   */
  private completeEvent(event: JsonObject): JsonObject {
    const { state } = this;
    const out: JsonObject = { ...event };
    out.event_ts ??= state.nextTs();
    const user = typeof out.user === "string" ? out.user : undefined;
    if (out.type === "app_home_opened" && user !== undefined) {
      out.channel ??= state.openIm(user).id;
      out.tab ??= "home";
      const homeId = state.homeViewIds.get(user);
      const home = homeId === undefined ? undefined : state.views.get(homeId);
      if (home !== undefined && out.view === undefined && out.tab === "home") out.view = state.renderView(home);
    }
    if ((out.type === "member_joined_channel" || out.type === "member_left_channel") && user !== undefined) {
      const channel = typeof out.channel === "string" ? state.findChannel(out.channel) : undefined;
      out.team ??= state.team.id;
      if (channel !== undefined) {
        out.channel_type ??= channel.isPrivate ? "G" : "C";
        if (out.type === "member_joined_channel") state.join(channel, user);
        else channel.members.delete(user);
      }
    }
    return out;
  }
}
