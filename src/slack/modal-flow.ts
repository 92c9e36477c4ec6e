/**
 * How Convene's modals meet Slack: opened at once in a loading state (a trigger id lives 3 s,
 * the data behind a form may take longer) and then filled in; submissions keyed by their view so
 * a resubmission is recognised, and a second identical submission (a double click) answered as the
 * first was; failures answered in the modal, never as a generic error.
 */
import { hash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewOutput, ViewResponseAction, ViewSubmitAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { WebAPIPlatformError, type WebClient } from "@slack/web-api";
import { providerOf } from "../db/client";
import { UserError } from "../errors";
import type { Logger } from "../logger";
import type { Services } from "../services/context";
import { followUpDeps, sendFollowUps } from "../outbox/follow-ups";
import {
  formAgain,
  loadingModal,
  messageModal,
  type Parsed,
  refusalModal,
  savingModal,
  type StateValues,
  type SubmittedForm,
} from "../views/modal-kit";
import { afterAck, afterAckBusy, crowdOrTimeout, requestArrived } from "./after-ack";
import { type SubmissionReceipts, submissionReceipts } from "./submission-receipts";

/**
 * Opens the loading view with the trigger, then shows what `build` returns. An expected refusal
 * (UserError) is shown in the modal; anything else is logged and the modal says to try again.
 */
export async function openModalWhenReady(
  client: WebClient,
  input: { triggerId: string; title: string; logger: Logger; build: () => Promise<ModalView> },
): Promise<void> {
  const { triggerId, title, logger, build } = input;
  const opened = await client.views.open({ trigger_id: triggerId, view: loadingModal(title) });
  let view: ModalView;
  try {
    view = await build();
  } catch (err) {
    if (!(err instanceof UserError)) logger.error({ err }, "could not fill a modal");
    view =
      err instanceof UserError
        ? refusalModal(title, err.message)
        : messageModal(title, ":warning: Convene could not load this just now. Please try again in a minute.");
  }
  try {
    // The hash makes Slack refuse the update if the person already moved the modal on.
    await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash, view });
  } catch (err) {
    // Closed or moved on meanwhile: there is nobody left to show it to.
    if (!(err instanceof WebAPIPlatformError && ["not_found", "hash_conflict"].includes(err.data.error))) throw err;
  }
}

/** The idempotency key of a submission: one per modal, whatever Slack or a double click resends. */
export const submissionKey = (view: { id: string; callback_id: string }) => `${view.callback_id}:${view.id}`;

interface SubmittedView {
  blocks: readonly { type: string; block_id?: string }[];
}

/**
 * The ack for a submission that failed. A UserError naming fields of this modal marks those
 * fields; one that names none (the group closed meanwhile) replaces the form with its reason.
 * An unexpected failure keeps the form and its input, with a note to submit again: the same
 * view's key makes a second try safe.
 */
export function failedSubmissionAnswer(err: unknown, view: SubmittedView, title: string, logger: Logger): ViewResponseAction {
  const inputs = view.blocks.filter((b) => b.type === "input" && b.block_id).map((b) => b.block_id!);
  if (err instanceof UserError) {
    const fields = err.fields ?? {};
    const marked = Object.keys(fields).filter((k) => inputs.includes(k));
    if (marked.length > 0) return { response_action: "errors", errors: Object.fromEntries(marked.map((k) => [k, fields[k]!])) };
    return { response_action: "update", view: refusalModal(title, err.message) };
  }
  logger.error({ err }, "a modal submission failed");
  const apology = "Convene could not save this just now. Please submit again in a minute.";
  const answer: ViewResponseAction = inputs[0]
    ? { response_action: "errors", errors: { [inputs[0]]: apology } }
    : { response_action: "update", view: messageModal(title, `:warning: ${apology}`) };
  retryable.add(answer);
  return answer;
}

/** Apologies for unexpected failures: never replayed, so the same submission sent again is tried again. */
const retryable = new WeakSet<object>();

type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
/** `forget()` drops the recorded answer, so the same input submitted again is worked out again (the save refused after an early ack). */
type ListenerArgs = SubmissionArgs & { forget(): Promise<void> };
const remembered = async () => undefined;

/** How long a second submission waits for the first's answer: Slack drops an ack after 3 s. */
const ANSWER_WAIT_MS = 2500;
/**
 * A submission still unanswered this long after it arrived (a database that hangs rather than
 * refuses) is answered "submit again" then, so the person hears something within Slack's 3 s.
 */
const ACK_WITHIN_MS = 2000;
/** Polling, for a first submission another replica is working out. */
const ANSWER_POLL_MS = 100;
const answering = new Map<string, Promise<string | undefined>>();
/** A claim with no answer after this long was left by a crash: the submission is worked out again. */
const ABANDONED_AFTER_MS = 30_000;

/** One store of claims per process (services), shared by every form. */
const receiptStores = new WeakMap<Services, SubmissionReceipts>();
const receiptsOf = (services: Services) => {
  let receipts = receiptStores.get(services);
  if (!receipts) receiptStores.set(services, (receipts = submissionReceipts(services.db, providerOf(services.config.DATABASE_URL))));
  return receipts;
};

/** One key per distinct submission: the same view, person and input. */
const answerKey = (body: ViewSubmitAction) =>
  `answer:${hash("sha256", JSON.stringify([body.user.id, body.view.id, body.view.callback_id, body.view.private_metadata, body.view.state.values]))}`;

/**
 * Registers a submission listener whose answer is recorded: the same submission sent again (a
 * double click, Slack's retry, another replica) gets the first one's answer, waiting for it while
 * the first is under way, instead of being worked out again against a form that has moved on.
 * Every modal's submission is registered through here (a test holds that line).
 */
export function onViewSubmission(app: App, services: Services, callbackId: string, listener: (args: ListenerArgs) => Promise<void>): void {
  app.view<ViewSubmitAction>(callbackId, async (slackArgs) => {
    // Whichever comes first, the listener's answer or the deadline's apology, is the one Slack gets.
    let sent = false;
    const ackOnce = (async (answer?: ViewResponseAction) => {
      if (sent) return;
      sent = true;
      await (answer ? slackArgs.ack(answer) : slackArgs.ack());
    }) as SubmissionArgs["ack"];
    const late = setTimeout(() => {
      if (sent) return;
      const answer = failedSubmissionAnswer(
        new Error("no answer within Slack's time"),
        slackArgs.body.view,
        slackArgs.body.view.title.text,
        services.logger,
      );
      void ackOnce(answer).catch((err) => services.logger.error({ err }, "could not answer a late modal submission"));
    }, ACK_WITHIN_MS);
    const args: SubmissionArgs = { ...slackArgs, ack: ackOnce };
    try {
      await answerOnce(args);
    } finally {
      clearTimeout(late);
    }
  });

  async function answerOnce(args: SubmissionArgs): Promise<void> {
    const receipts = receiptsOf(services);
    const key = answerKey(args.body);
    const waitUntil = Date.now() + ANSWER_WAIT_MS;
    const replay = async (json: string) => {
      const answer = JSON.parse(json) as ViewResponseAction | Record<string, never>;
      await ("response_action" in answer ? args.ack(answer as ViewResponseAction) : args.ack());
    };
    // A double click mostly lands on one process: wait for the first in memory, not by polling.
    const sameProcess = answering.get(key);
    let answered!: (json?: string) => void;
    if (sameProcess) {
      const json = await Promise.race([sameProcess, sleep(ANSWER_WAIT_MS)]);
      if (json) return replay(json);
    } else {
      answering.set(key, new Promise<string | undefined>((resolve) => (answered = resolve)));
      requestArrived();
    }
    const settle = (json?: string) => {
      if (sameProcess) return;
      answering.delete(key);
      answered(json);
    };
    // The database down or hanging: no answer can be recorded or found, and the listener answers "try again".
    let claimed: boolean | null;
    while (!(claimed = await receipts.claim(key, services.now()))) {
      if (claimed === null) {
        settle();
        return listener({ ...args, forget: remembered });
      }
      const earlier = await receipts.answer(key).catch(() => undefined);
      if (earlier?.answer) {
        settle(earlier.answer);
        return replay(earlier.answer);
      }
      if (earlier && services.now().getTime() - earlier.receivedAt.getTime() > ABANDONED_AFTER_MS)
        await receipts.release(key).catch(() => undefined);
      else if (Date.now() > waitUntil) {
        settle();
        // The first is slow: the services' own idempotency keys make working it out again safe.
        return listener({ ...args, forget: remembered });
      } else await sleep(ANSWER_POLL_MS);
    }
    let recorded = false;
    const ack = async (answer?: ViewResponseAction) => {
      try {
        if (answer && retryable.has(answer)) await receipts.release(key);
        else {
          const json = JSON.stringify(answer ?? {});
          await receipts.record(key, json);
          recorded = true;
          settle(json);
        }
      } catch (err) {
        // Unrecorded, a resubmission is worked out again: the services' keys keep that safe.
        services.logger.warn({ err }, "could not record a modal submission's answer");
      }
      settle();
      await (answer ? args.ack(answer) : args.ack());
    };
    try {
      await listener({ ...args, ack: ack as SubmissionArgs["ack"], forget: () => receipts.release(key).then(() => undefined) });
    } finally {
      if (!recorded) await receipts.release(key).catch(() => undefined);
      settle();
    }
  }
}

export interface SubmissionSpec<T, R> {
  callbackId: string;
  title: string;
  parse(values: StateValues, view: ViewOutput): Parsed<T>;
  /** Calls one service; its UserErrors become field errors or the modal's answer. */
  save(input: { value: T; slackUserId: string; idempotencyKey: string; client: WebClient }): Promise<R>;
  /** What the modal turns into once saved. */
  done(result: R): ModalView;
  /** Delivery ids the save wrote, sent once Slack has its answer. */
  followUps?(result: R): readonly string[];
}

/**
 * How long a valid form's save may take before the ack answers "Saving…" instead of waiting for
 * it, the outcome then shown by a view update. Slack waits 3 s, and a crowd submitting at once
 * (sign-ups opening) can queue saves well past that; a save queued behind others, or one a crowd
 * arrives during, is answered "Saving…" at once, so this bounds only a lone slow one, which keeps
 * its answer in the ack.
 */
const SAVE_WITHIN_MS = 1000;

type Outcome<R> = { ok: true; result: R } | { ok: false; err: unknown };

/**
 * Every form's submission has one shape: parse with zod (each bad field marked in the ack), save,
 * answer with the outcome in the modal, then send the follow-ups the save wrote. A save still
 * running after SAVE_WITHIN_MS, queued behind others, or overtaken by a crowd, is answered "Saving…" and its
 * outcome shown by updating the view: a refusal naming fields brings the form back as it was
 * filled in, each problem under its field.
 */
export function onModalSubmission<T, R>(app: App, services: Services, spec: SubmissionSpec<T, R>): void {
  // The same for every submission of this form: built once, not in each ack of a crowd.
  const savingAnswer: ViewResponseAction = { response_action: "update", view: savingModal(spec.title) };
  onViewSubmission(app, services, spec.callbackId, async ({ ack, body, view, client, forget }) => {
    const parsed = spec.parse(view.state.values as StateValues, view);
    if (!parsed.ok) {
      await ack({ response_action: "errors", errors: parsed.errors });
      return;
    }
    const saving: Promise<Outcome<R>> = afterAck(() =>
      spec.save({ value: parsed.value, slackUserId: body.user.id, idempotencyKey: submissionKey(view), client }),
    ).then(
      (result) => ({ ok: true, result }),
      (err: unknown) => ({ ok: false, err }),
    );
    // A crowd arriving meanwhile gets "Saving…" too: its acks must not wait behind this save.
    const early = afterAckBusy() ? Promise.resolve(null) : crowdOrTimeout(SAVE_WITHIN_MS).then(() => null);
    const first = await Promise.race([saving, early]);
    let outcome: Outcome<R>;
    if (first) {
      outcome = first;
      await ack(
        outcome.ok
          ? { response_action: "update", view: spec.done(outcome.result) }
          : failedSubmissionAnswer(outcome.err, view, spec.title, services.logger),
      );
    } else {
      await ack(savingAnswer);
      outcome = await saving;
      if (!outcome.ok) await forget();
      await showOutcome(
        client,
        view.id,
        outcome.ok ? spec.done(outcome.result) : answerAfterAck(outcome.err, view, spec.title, services.logger),
        services.logger,
      );
    }
    if (!outcome.ok) return;
    const ids = spec.followUps?.(outcome.result) ?? [];
    if (ids.length) await sendFollowUps(followUpDeps(services, client), ids);
  });
}

/** What replaces "Saving…" when the save failed: as failedSubmissionAnswer would have answered, in a view. */
function answerAfterAck(err: unknown, view: ViewOutput, title: string, logger: Logger): ModalView {
  const answer = failedSubmissionAnswer(err, view, title, logger);
  if (answer.response_action === "update") return answer.view as ModalView;
  if (answer.response_action !== "errors")
    return messageModal(title, ":warning: Convene could not save this just now. Please try again in a minute.");
  const note =
    err instanceof UserError
      ? ":warning: Not saved yet: please see below."
      : ":warning: Convene could not save this just now. Please submit again in a minute.";
  return formAgain(view as unknown as SubmittedForm, note, answer.errors);
}

async function showOutcome(client: WebClient, viewId: string, view: ModalView, logger: Logger): Promise<void> {
  try {
    await client.views.update({ view_id: viewId, view });
  } catch (err) {
    // Closed meanwhile: the outcome stands (a sign-up's confirmation still comes as a message).
    if (!(err instanceof WebAPIPlatformError && err.data.error === "not_found"))
      logger.error({ err }, "could not show a saved submission's outcome");
  }
}
