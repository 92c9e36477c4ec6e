import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { DeliveryStamps } from "./signing";
import type { AddressInfo } from "node:net";
import {
  AppDriver,
  type ButtonInput,
  type CommandInput,
  type CommandResult,
  type EventOptions,
  type EventResult,
  type InteractionResult,
  type SelectInput,
  type SubmitInput,
  type SubmitResult,
} from "./app-driver";
import { postToApp, type PostToAppOptions } from "./app-requests";
import { systemClock, type Clock } from "./clock";
import { parseApiRequest, readBody, readRawBody, sendJson, sendText } from "./http-io";
import {
  minimumDurationMs,
  RateLimiter,
  type PlannedCall,
  type RateLimitConfig,
  type RateLimitSettings,
  type RateLimitStats,
} from "./rate-limits";
import { createResponseUrl, handleResponseUrlPost } from "./response-urls";
import { TriggerIds } from "./trigger-ids";
import type {
  AppResponse,
  CallRecord,
  ChannelRecord,
  EphemeralRecord,
  Fault,
  JsonObject,
  MessageRecord,
  ResponseUrlPost,
  UserRecord,
} from "./types";
import { filePath, fileMethods, fileType, JSON_ARGUMENTS, receiveUpload, WEB_API_METHODS, type MethodHandler } from "./web-api-methods";
import { WorkspaceState, type NewChannel, type NewUser } from "./workspace-state";

export interface LocalSlackOptions {
  signingSecret?: string;
  botToken?: string;
  /** Where the app listens, e.g. "http://127.0.0.1:3000/slack/events"; settable later. */
  appRequestUrl?: string;
  teamId?: string;
  teamName?: string;
  teamDomain?: string;
  botName?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  /** Slack's clock (ms), for trigger expiry, timestamps and rate-limit windows. */
  now?: Clock;
  /** Grant chat:write.public: the bot may post into public channels it has not joined. */
  chatWritePublic?: boolean;
  /** Defaults to an ephemeral port on 127.0.0.1. */
  port?: number;
}

/** A message as the workspace holds it (copy). `history` lists earlier versions. */
export type PostedMessage = MessageRecord;

export interface ViewSnapshot {
  id: string;
  userId: string;
  type: "modal" | "home";
  isOpen: boolean;
  openedVia: string;
  hash: string;
  callbackId: string;
  privateMetadata: string;
  /** The view as Slack returns it from views.* (with state). */
  view: JsonObject;
  /** Earlier contents, oldest first. */
  versions: JsonObject[];
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * A local stand-in for Slack: a real HTTP Web API for the app's WebClient (point `slackApiUrl` at
 * `apiUrl`), plus helpers that play Slack toward the app (signed commands, interactions, events).
 */
export class LocalSlack {
  readonly botToken: string;
  readonly signingSecret: string;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  appRequestUrl: string | undefined;
  /** Every Web API call, in arrival order. */
  readonly calls: CallRecord[] = [];
  /** Exceptions thrown inside the emulator (answered 500); a non-empty list is an emulator bug. */
  readonly internalErrors: Error[] = [];

  private clockFn: Clock;
  private readonly state: WorkspaceState;
  private readonly triggers: TriggerIds;
  private readonly limiter: RateLimiter;
  private readonly stamps = new DeliveryStamps();
  private readonly driver: AppDriver;
  private readonly faults = new Map<string, QueuedFault[]>();
  private readonly chatWritePublic: boolean;
  private readonly fileHandlers: Record<string, MethodHandler> = fileMethods(() => this.baseUrl);
  private server: Server | undefined;
  private base = "";

  private constructor(options: LocalSlackOptions) {
    this.clockFn = options.now ?? systemClock;
    const clock: Clock = () => this.clockFn();
    this.botToken = options.botToken ?? "xoxb-local-slack-bot-token";
    this.signingSecret = options.signingSecret ?? "local-slack-signing-secret";
    this.teamId = options.teamId ?? "T0LOCAL001";
    this.botUserId = options.botUserId ?? "U0LOCALBOT";
    this.botId = options.botId ?? "B0LOCALBOT";
    this.appId = options.appId ?? "A0LOCALAPP";
    this.appRequestUrl = options.appRequestUrl;
    this.chatWritePublic = options.chatWritePublic ?? false;
    this.state = new WorkspaceState(
      clock,
      { id: this.teamId, name: options.teamName ?? "Convene Test", domain: options.teamDomain ?? "convene-test" },
      { userId: this.botUserId, botId: this.botId, appId: this.appId, name: options.botName ?? "convene" },
    );
    this.triggers = new TriggerIds(clock, this.teamId.replace(/\D/g, "") || "1");
    this.limiter = new RateLimiter(clock);
    const host = this;
    this.driver = new AppDriver({
      state: this.state,
      triggers: this.triggers,
      get baseUrl() {
        return host.baseUrl;
      },
      signingSecret: this.signingSecret,
      get appRequestUrl() {
        return host.appRequestUrl;
      },
      stamps: this.stamps,
    });
  }

  static async start(options: LocalSlackOptions = {}): Promise<LocalSlack> {
    const slack = new LocalSlack(options);
    await slack.listen(options.port ?? 0);
    return slack;
  }

  private listen(port: number): Promise<void> {
    const server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        this.internalErrors.push(error instanceof Error ? error : new Error(String(error)));
        if (!res.headersSent) sendText(res, 500, "local-slack internal error");
      });
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const { port: actual } = server.address() as AddressInfo;
        this.base = `http://127.0.0.1:${actual}/`;
        resolve();
      });
    });
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    this.server = undefined;
    // Let in-flight calls finish (an app may still be awaiting one); idle keep-alives go now.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const force = setTimeout(() => server.closeAllConnections(), 1000);
    force.unref();
    await closed;
    clearTimeout(force);
  }

  /** "http://127.0.0.1:<port>/" */
  get baseUrl(): string {
    return this.base;
  }

  /** Give this to WebClient as `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.base}api/`;
  }

  get teamDomain(): string {
    return this.state.team.domain;
  }

  // --- clock --------------------------------------------------------------------------------

  get clock(): Clock {
    return this.clockFn;
  }

  set clock(clock: Clock) {
    this.clockFn = clock;
  }

  now(): number {
    return this.clockFn();
  }

  // --- workspace ------------------------------------------------------------------------------

  addUser(user: NewUser): UserRecord {
    return clone(this.state.addUser(user));
  }

  /** An admin deactivates the account: users.info reports it deleted from now on. */
  deactivateUser(userId: string): void {
    const user = this.state.users.get(userId);
    if (user === undefined) throw new Error(`no user ${userId}`);
    user.deleted = true;
  }

  addChannel(channel: NewChannel): ChannelRecord {
    return clone(this.state.addChannel(channel));
  }

  /** Seeds a message from a person (or the bot), e.g. history the app should read. */
  addMessage(input: { channel: string; user: string; text?: string; blocks?: unknown[]; thread_ts?: string }): PostedMessage {
    const channel = this.requireChannel(input.channel);
    const isBot = input.user === this.botUserId;
    return clone(this.state.addMessage(channel.id, { ...input, bot: isBot, via: "seed" }));
  }

  channel(idOrName: string): ChannelRecord | undefined {
    const found = this.state.findChannel(idOrName);
    return found === undefined ? undefined : clone(found);
  }

  /** Channels (not DMs), oldest first; with `member`, only those that person is in: a client's sidebar. */
  channels(filter: { member?: string } = {}): ChannelRecord[] {
    const all = [...this.state.channels.values()].filter((c) => !c.isIm && (filter.member === undefined || c.members.has(filter.member)));
    return clone(all);
  }

  /** Deactivates (or reactivates) an account, as a workspace admin does; users.info then says `deleted`. */
  setUserDeleted(id: string, deleted = true): UserRecord {
    const user = this.state.users.get(id);
    if (user === undefined) throw new Error(`LocalSlack: unknown user ${id}`);
    user.deleted = deleted;
    return clone(user);
  }

  user(id: string): UserRecord | undefined {
    const found = this.state.users.get(id);
    return found === undefined ? undefined : clone(found);
  }

  /** The bot's DM channel with a user (created on first use). */
  dmChannelId(userId: string): string {
    return this.state.openIm(userId).id;
  }

  private requireChannel(idOrUser: string): ChannelRecord {
    const channel = this.state.resolveConversation(idOrUser);
    if (channel === undefined) throw new Error(`LocalSlack: unknown channel ${idOrUser}`);
    return channel;
  }

  /** Messages in a conversation (a user id means the bot's DM with them), oldest first, replies included. */
  messages(channelIdOrUserId: string, options: { includeDeleted?: boolean } = {}): PostedMessage[] {
    const channel = this.requireChannel(channelIdOrUserId);
    const all = this.state.messagesByChannel.get(channel.id) ?? [];
    return clone(options.includeDeleted ? all : all.filter((m) => !m.deleted));
  }

  /** A thread: the parent then its replies. */
  thread(channelId: string, threadTs: string): PostedMessage[] {
    return this.messages(channelId).filter((m) => m.ts === threadTs || m.thread_ts === threadTs);
  }

  /** Ephemeral messages (chat.postEphemeral, response_url, command acks), optionally filtered. */
  ephemerals(filter: { channelId?: string; userId?: string } = {}): EphemeralRecord[] {
    return clone(
      this.state.ephemerals.filter(
        (e) =>
          (filter.channelId === undefined || e.channel === filter.channelId) && (filter.userId === undefined || e.user === filter.userId),
      ),
    );
  }

  pins(channelId: string): string[] {
    return [...this.requireChannel(channelId).pins];
  }

  // --- views --------------------------------------------------------------------------------

  private snapshot(id: string): ViewSnapshot | undefined {
    const record = this.state.views.get(id);
    if (record === undefined) return undefined;
    return clone({
      id: record.id,
      userId: record.userId,
      type: record.type,
      isOpen: record.isOpen,
      openedVia: record.openedVia,
      hash: record.hash,
      callbackId: typeof record.view.callback_id === "string" ? record.view.callback_id : "",
      privateMetadata: typeof record.view.private_metadata === "string" ? record.view.private_metadata : "",
      view: this.state.renderView(record),
      versions: record.versions,
    });
  }

  /** Every modal and Home view the app created, by view id. */
  get views(): Map<string, ViewSnapshot> {
    const out = new Map<string, ViewSnapshot>();
    for (const id of this.state.views.keys()) out.set(id, this.snapshot(id)!);
    return out;
  }

  view(id: string): ViewSnapshot | undefined {
    return this.snapshot(id);
  }

  /** The user's modal stack, bottom first; the last one is on screen. */
  openModals(userId: string): ViewSnapshot[] {
    return this.state.modalStack(userId).map((id) => this.snapshot(id)!);
  }

  /** The Home tab last published for the user. */
  homeView(userId: string): ViewSnapshot | undefined {
    const id = this.state.homeViewIds.get(userId);
    return id === undefined ? undefined : this.snapshot(id);
  }

  // --- response_url ---------------------------------------------------------------------------

  /** Every POST the app made to a response_url. */
  get responseUrlMessages(): ResponseUrlPost[] {
    return clone(this.state.responseUrlPosts);
  }

  /** POSTs to one response_url, by its id or full URL. */
  responses(responseUrlIdOrUrl: string): ResponseUrlPost[] {
    const id = responseUrlIdOrUrl.includes("/") ? responseUrlIdOrUrl.slice(responseUrlIdOrUrl.lastIndexOf("/") + 1) : responseUrlIdOrUrl;
    return this.responseUrlMessages.filter((p) => p.responseUrlId === id);
  }

  // --- recording, faults, rate limits ---------------------------------------------------------

  callsTo(method: string): CallRecord[] {
    return this.calls.filter((c) => c.method === method);
  }

  /**
   * Answers the next `times` calls of `method` ("*" for any) with a fault instead of the real
   * result: 429 with Retry-After, a 5xx, an ok:false error, or a delay before normal handling.
   */
  fail(method: string, fault: Fault, options: { times?: number } = {}): void {
    const queue = this.faults.get(method) ?? [];
    queue.push({ fault, remaining: options.times ?? 1 });
    this.faults.set(method, queue);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  private takeFault(method: string): Fault | undefined {
    for (const key of [method, "*"]) {
      const queue = this.faults.get(key);
      const head = queue?.[0];
      if (queue === undefined || head === undefined) continue;
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
      return head.fault;
    }
    return undefined;
  }

  /** Off by default. E.g. setRateLimits({ enabled: true, perChannelPerSecond: 1, channelBurst: 1 }). */
  setRateLimits(settings: RateLimitSettings): void {
    this.limiter.configure(settings);
  }

  get rateLimits(): RateLimitConfig {
    return this.limiter.settings;
  }

  /** Calls allowed and refused by the rate limiter, per method. */
  rateLimitStats(): RateLimitStats {
    return this.limiter.stats();
  }

  /** The least time these calls need under the current limits (see minimumDurationMs). */
  minimumDurationMs(calls: PlannedCall[]): number {
    return minimumDurationMs(calls, this.limiter.settings);
  }

  issueTriggerId(userId: string = this.botUserId): string {
    return this.triggers.issue(userId);
  }

  /** A response_url for an interaction a test builds itself, as Slack issues one with every message click. */
  issueResponseUrl(init: { channelId: string; userId: string; messageTs?: string }): { url: string; id: string } {
    const { url, id } = createResponseUrl(this.state, this.baseUrl, { ...init, source: "block_actions" });
    return { url, id };
  }

  /** Clears calls, messages, views, faults and limiter windows; keeps users and channels. */
  reset(): void {
    this.calls.length = 0;
    this.internalErrors.length = 0;
    this.faults.clear();
    this.limiter.reset();
    this.triggers.clear();
    this.state.reset();
  }

  /**
   * Polls until `predicate` holds, e.g. for work the app does after acknowledging. The default
   * allows for a CI machine running every suite at once, where a 2 s wait was seen to run out.
   */
  async waitFor(predicate: () => boolean, options: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? 5000);
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`LocalSlack: timed out waiting for ${options.what ?? "condition"}`);
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 10));
    }
  }

  async waitForCall(
    method: string,
    predicate: (call: CallRecord) => boolean = () => true,
    options: { timeoutMs?: number } = {},
  ): Promise<CallRecord> {
    let found: CallRecord | undefined;
    await this.waitFor(() => (found = this.calls.find((c) => c.method === method && predicate(c))) !== undefined, {
      ...options,
      what: `a ${method} call`,
    });
    return found!;
  }

  // --- acting as Slack toward the app ---------------------------------------------------------

  sendCommand(input: CommandInput): Promise<CommandResult> {
    return this.driver.sendCommand(input);
  }

  clickButton(input: ButtonInput): Promise<InteractionResult> {
    return this.driver.clickButton(input);
  }

  selectOption(input: SelectInput): Promise<InteractionResult | null> {
    return this.driver.selectOption(input);
  }

  submitView(input: SubmitInput): Promise<SubmitResult> {
    return this.driver.submitView(input);
  }

  closeView(input: { viewId: string; userId?: string }): Promise<(AppResponse & { payload: JsonObject }) | null> {
    return this.driver.closeView(input);
  }

  sendEvent(event: JsonObject, options: EventOptions = {}): Promise<EventResult> {
    return this.driver.sendEvent(event, options);
  }

  /** Low level: POST any body to the app, signed with this workspace's secret unless `sign` is false. */
  postToApp(rawBody: string, options: Omit<PostToAppOptions, "signingSecret"> & { sign?: boolean }): Promise<AppResponse> {
    if (this.appRequestUrl === undefined) throw new Error("LocalSlack: set slack.appRequestUrl first");
    const { sign = true, ...rest } = options;
    const timestampSeconds = rest.timestampSeconds ?? (sign ? this.stamps.stamp(rawBody) : undefined);
    return postToApp(this.appRequestUrl, rawBody, { ...rest, timestampSeconds, signingSecret: sign ? this.signingSecret : undefined });
  }

  // --- files ----------------------------------------------------------------------------------

  /** Files shared through the upload flow, in upload order, as Slack renders them (bytes via fileContent). */
  sharedFiles(): {
    id: string;
    name: string;
    title: string;
    altText?: string;
    mimetype: string;
    size: number;
    shares: { channel: string; ts: string }[];
    path: string;
  }[] {
    return [...this.state.files.values()]
      .filter((f) => f.completed)
      .map((f) => ({
        id: f.id,
        name: f.name,
        title: f.title,
        ...(f.altText !== undefined ? { altText: f.altText } : {}),
        mimetype: fileType(f.name).mimetype,
        size: f.length,
        shares: f.shares.map((s) => ({ ...s })),
        path: filePath(this.teamId, f),
      }));
  }

  /** The bytes of an uploaded file. */
  fileContent(id: string): Buffer | undefined {
    const bytes = this.state.files.get(id)?.bytes;
    return bytes && Buffer.from(bytes);
  }

  /** url_private: only with the workspace's token, as in Slack. */
  private serveFile(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const auth = req.headers.authorization ?? "";
    if (auth !== `Bearer ${this.botToken}`) {
      sendText(res, 403, "forbidden");
      return;
    }
    const id = url.pathname.slice("/files-pri/".length).split("/")[0]!.replace(`${this.teamId}-`, "");
    const file = this.state.files.get(id);
    if (file?.bytes === undefined || !file.completed) {
      sendText(res, 404, "not found");
      return;
    }
    res.writeHead(200, { "content-type": fileType(file.name).mimetype, "content-length": file.bytes.length });
    res.end(file.bytes);
  }

  // --- HTTP -----------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    if (url.pathname.startsWith("/api/")) return this.handleApi(req, res, url);
    if (url.pathname.startsWith("/upload/v1/") && req.method === "POST") {
      const answer = await receiveUpload(
        this.state,
        url.pathname.slice("/upload/v1/".length),
        await readRawBody(req),
        req.headers["content-type"] ?? "",
      );
      return sendText(res, answer.status, answer.text);
    }
    if (url.pathname.startsWith("/files-pri/") && req.method === "GET") return this.serveFile(req, res, url);
    if (url.pathname.startsWith("/response-url/") && req.method === "POST") {
      const raw = await readBody(req);
      let payload: unknown;
      try {
        payload = JSON.parse(raw);
      } catch {
        payload = Object.fromEntries(new URLSearchParams(raw));
      }
      const answer = handleResponseUrlPost(this.state, decodeURIComponent(url.pathname.slice("/response-url/".length)), payload);
      return sendJson(res, answer.status, answer.body);
    }
    sendText(res, 404, "not found");
  }

  private async handleApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = decodeURIComponent(url.pathname.slice("/api/".length));
    const raw = await readBody(req);
    const parsed = parseApiRequest(req, raw, url, JSON_ARGUMENTS);
    const call: CallRecord = {
      method,
      args: parsed.args,
      token: parsed.token,
      contentType: parsed.contentType,
      at: this.now(),
      status: 200,
      response: undefined,
      headers: {},
    };
    this.calls.push(call);
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      call.status = status;
      call.response = body;
      call.headers = headers;
      if (typeof body === "string") sendText(res, status, body, headers);
      else sendJson(res, status, body, headers);
    };

    const fault = this.takeFault(method);
    if (fault !== undefined) {
      if ("delayMs" in fault) {
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      } else {
        call.injected = true;
        if ("error" in fault) return answer(200, { ok: false, error: fault.error, ...(fault.extra ?? {}) });
        if (fault.status === 429) {
          return answer(429, fault.body ?? { ok: false, error: "ratelimited" }, { "retry-after": String(fault.retryAfter) });
        }
        return answer(fault.status, fault.body ?? "Service Unavailable");
      }
    }

    const handler = WEB_API_METHODS[method] ?? this.fileHandlers[method];
    if (handler === undefined) return answer(200, { ok: false, error: "unknown_method", req_method: method });
    if (parsed.bodyError !== undefined) return answer(200, { ok: false, error: parsed.bodyError });
    if (parsed.token === undefined || parsed.token === "") return answer(200, { ok: false, error: "not_authed" });
    if (parsed.token !== this.botToken) return answer(200, { ok: false, error: "invalid_auth" });

    const channelKey = method === "chat.postMessage" ? this.rateLimitChannel(parsed.args.channel) : undefined;
    const decision = this.limiter.check(method, channelKey);
    if (!decision.allowed) {
      call.rateLimited = true;
      return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(decision.retryAfterSeconds) });
    }

    const body = handler({
      state: this.state,
      triggers: this.triggers,
      options: { chatWritePublic: this.chatWritePublic },
      args: parsed.args,
    });
    answer(200, body);
  }

  private rateLimitChannel(channelArg: unknown): string | undefined {
    if (typeof channelArg !== "string") return undefined;
    return this.state.findChannel(channelArg)?.id ?? channelArg;
  }
}
