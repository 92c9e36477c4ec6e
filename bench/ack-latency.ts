/**
 * Ack latency under 50 concurrent Slack-signed requests (each request signed afresh), for a slash
 * command, a button and a view submission, against a bare Bolt app that only acks, measured in the
 * same run under the same load: 50 requests sent at once (50 people answering their reminders),
 * on 50 connections kept alive, one such burst to each app every 1.3 s. The two apps' bursts are
 * paired: bare Bolt's first, Convene's 300 ms later, when bare Bolt is idle again, and Convene's
 * work after its acks (saves, Slack calls) has the rest of the cycle to finish before bare Bolt's
 * next one. A pair meets the machine as it is within that second: on these shared 2-core
 * machines the same bare Bolt took 6 ms of CPU a burst in one run and 11 ms in another, and
 * slices of several seconds per app (the earlier A-B-B-A design) left each app's figure to the
 * machine's mood in its own slices. Slices also left Convene idle for 7 s at a time, long enough
 * for its idle collector to give memory back, which the steady load measured here never does
 * (the cost of a crowd that comes after memory was given back is in bench/README.md). Each
 * burst starts together, on connections already open; a closed loop (each connection sending
 * again the moment it is answered) would measure throughput, not latency. Every request is new
 * (its own trigger, view id and answer), so Convene never takes a shortcut for a repeat.
 */
import http from "node:http";
import path from "node:path";
import type { InputBlock, ModalView } from "@slack/types";
import { MEMBERSHIP_CALLBACK, membershipModal } from "../src/views/membership-modal";
import { RSVP_GOING, RSVP_NOT_GOING } from "../src/views/reminder-message";
import {
  type Actor,
  blockActionsPayload,
  formEncode,
  interactionBody,
  type LocalSlack,
  slashCommandFields,
  stateValueFor,
  viewSubmissionPayload,
} from "../src/local-slack";
import { seedGroups, seedProgramme, seedSessions } from "./seed";
import { allAtOnce, type Figure, log, percentile, round, type RunningProcess, sleep, spawnTs, sqliteDb } from "./support";

const CONCURRENT = 50;
const PAIR_EVERY_MS = 1300;
const CONVENE_AFTER_MS = 300;
/** Untimed pairs first (connections opened, code warmed), then the timed ones: 1,500 answers per app. */
const WARMUP_PAIRS = 5;
const TIMED_PAIRS = 30;
const USERS = 50;

interface Kind {
  name: string;
  /** A fresh body for request `n`; `n` counts on across slices. */
  body(n: number): string;
  /** How many requests have had their effect so far (a reminder updated, an application saved). */
  effects?(): Promise<number>;
}

interface Sample {
  latencies: number[];
  /** Each timed burst's slowest answer: where the tail came from. */
  slowestOfBursts: number[];
  /**
   * Each timed burst's time on a CPU for the app's main thread, from just before it was sent to its
   * last answer, and its time waiting for a CPU: the work a burst took, apart from the machine's noise.
   */
  runningMs: number[];
  waitingMs: number[];
  /** Requests sent in timed bursts: each should have its effect. */
  sent: number;
  statuses: Record<string, number>;
  errors: number;
}

/** Request numbers run on across bursts and kinds, so every request is new. */
let sent = 0;
/** True while Convene's timed bursts are sent. */
let measuring = false;

const emptySample = (): Sample => ({ latencies: [], slowestOfBursts: [], runningMs: [], waitingMs: [], sent: 0, statuses: {}, errors: 0 });

/** One burst of CONCURRENT requests to the app, on its kept-alive connections. */
async function burstOf(app: RunningProcess, agent: http.Agent, kind: Kind, secret: string): Promise<Sample> {
  // Built and signed before the first is sent, so no request waits on another's building.
  const bodies = Array.from({ length: CONCURRENT }, () => kind.body(sent++));
  const before = app.mainThreadMs();
  const answered = await allAtOnce(app.port, secret, bodies, agent);
  const after = app.mainThreadMs();
  const sample = emptySample();
  sample.sent = bodies.length;
  for (const status of answered.statuses) {
    if (status === 0) sample.errors++;
    else sample.statuses[status] = (sample.statuses[status] ?? 0) + 1;
  }
  sample.latencies = answered.ms;
  sample.slowestOfBursts = [round(Math.max(...answered.ms))];
  if (before && after) {
    sample.runningMs = [after.running - before.running];
    sample.waitingMs = [after.waiting - before.waiting];
  }
  return sample;
}

const merge = (a: Sample, b: Sample): Sample => ({
  latencies: [...a.latencies, ...b.latencies],
  slowestOfBursts: [...a.slowestOfBursts, ...b.slowestOfBursts],
  runningMs: [...a.runningMs, ...b.runningMs],
  waitingMs: [...a.waitingMs, ...b.waitingMs],
  sent: a.sent + b.sent,
  statuses: Object.fromEntries(
    [...new Set([...Object.keys(a.statuses), ...Object.keys(b.statuses)])].map((k) => [k, (a.statuses[k] ?? 0) + (b.statuses[k] ?? 0)]),
  ),
  errors: a.errors + b.errors,
});

/** What the three requests carry: a real command, a real RSVP click on a posted reminder, a real form. */
async function kinds(slack: LocalSlack, databaseUrl: string): Promise<{ kinds: Kind[]; close(): Promise<void> }> {
  const users = Array.from(
    { length: USERS },
    (_, i) => slack.addUser({ name: `bench${i}`, email: `bench${i}@benchschools.org`, tz: "America/Chicago" }).id,
  );
  const actor = (n: number): Actor => ({
    userId: users[n % USERS]!,
    userName: `bench${n % USERS}`,
    teamId: slack.teamId,
    teamDomain: slack.teamDomain,
    apiAppId: slack.appId,
  });
  // A response_url of its own for each request, as Slack gives: answers to one that does not exist
  // would fail, and be logged as failures, which is work bare Bolt is spared.
  // Those of the measured slices are counted for effects, whenever their answer comes.
  const issued = new Set<string>();
  const responseUrl = (n: number) => {
    const { url, id } = slack.issueResponseUrl({
      channelId: channels[n % USERS]!,
      userId: users[n % USERS]!,
      messageTs: reminders[n % USERS]!.ts,
    });
    if (measuring) issued.add(id);
    return url;
  };

  // Sessions a week away whose reminders are posted: each click records an answer and updates
  // every posted copy. Clicks spread over one reminder per user, as 50 groups' members would.
  const channels = users.map((_, i) => slack.addChannel({ name: `wg-bench-${i}` }).id);
  const reminders = channels.map((channel) => slack.addMessage({ channel, user: slack.botUserId, text: "Reminder: Monthly meeting" }));
  const seeded = await sqliteDb({ url: databaseUrl, remove: () => undefined });
  const db = seeded.db; // kept open to count saved applications
  const now = new Date();
  const programmeId = await seedProgramme(db, now);
  const groups = await seedGroups(seeded, programmeId, USERS, { channelOf: (i) => channels[i]! });
  const weekAway = new Date(now.getTime() + 7 * 24 * 60 * 60_000);
  await seedSessions(
    seeded,
    programmeId,
    groups.map((groupId) => ({ groupId, startsAt: weekAway })),
    now,
  );
  const sessions = await Promise.all(groups.map((groupId) => db.session.findFirstOrThrow({ where: { groupId }, select: { id: true } })));
  // Each user is a member of the group whose reminder they answer: only a session's own people are counted.
  for (const [i, slackUserId] of users.entries()) {
    const person = await db.person.create({
      data: { slackUserId, name: `bench${i}`, email: `bench${i}@benchschools.org`, timezone: "America/Chicago" },
    });
    await db.membership.create({ data: { groupId: groups[i]!, personId: person.id, status: "ACTIVE" } });
  }
  await db.delivery.createMany({
    data: sessions.map((session, i) => ({
      dedupeKey: `session:${session.id}:10080:GROUP_CHANNEL`,
      kind: "reminder",
      sessionId: session.id,
      channelId: channels[i]!,
      payload: { kind: "reminder", audience: "GROUP_CHANNEL", offsetMinutes: 10080, startsAt: weekAway.toISOString() },
      dueAt: now,
      status: "SENT" as const,
      sentAt: now,
      messageTs: reminders[i]!.ts,
    })),
  });

  const form: ModalView = membershipModal();
  const inputs = form.blocks.filter((b): b is InputBlock => b.type === "input");
  const answers: Record<string, (n: number) => string> = {
    organization: (n) => `Bench Academy ${n}`,
    domains: (n) => `bench-academy-${n}.org`,
    website: () => "https://bench.example.org",
    about: () => "Twelve schools in three cities; we would like our teachers to join the equity groups.",
  };
  const values = (n: number) =>
    Object.fromEntries(
      inputs.map((b) => {
        const element = b.element as unknown as Record<string, unknown>;
        return [b.block_id!, { [String(element.action_id)]: stateValueFor(element, answers[b.block_id!]!(n)) }];
      }),
    );

  const list: Kind[] = [
    {
      name: "slash command (/convene help)",
      body: (n) =>
        formEncode(
          slashCommandFields({
            actor: actor(n),
            command: "/convene",
            text: "help",
            channelId: "DBENCH01",
            channelName: "directmessage",
            triggerId: `${n}.1.bench`,
            responseUrl: responseUrl(n),
          }),
        ),
    },
    {
      name: "button (RSVP on a posted reminder)",
      // Each person's answer flips every round, so every click changes a count and updates a message.
      body: (n) => {
        const going = Math.floor(n / USERS) % 2 === 0;
        return interactionBody(
          blockActionsPayload({
            actor: actor(n),
            triggerId: `${n}.2.bench`,
            actions: [
              {
                type: "button",
                action_id: going ? RSVP_GOING : RSVP_NOT_GOING,
                block_id: "rsvp",
                value: sessions[n % USERS]!.id,
                action_ts: String(Date.now() / 1000),
                text: { type: "plain_text", text: going ? "Going" : "Can't make it" },
              },
            ],
            message: {
              message: {
                type: "message",
                ts: reminders[n % USERS]!.ts,
                text: "Reminder: Monthly meeting",
                user: slack.botUserId,
                bot_id: slack.botId,
              },
              channelId: channels[n % USERS]!,
              channelName: `wg-bench-${n % USERS}`,
            },
            responseUrl: responseUrl(n),
          }),
        );
      },
      // Each click answered privately once it is saved (the reminder's re-renders are coalesced).
      effects: async () =>
        slack.responseUrlMessages.filter((p) => p.status === 200 && issued.has(p.responseUrlId) && JSON.stringify(p.body).includes("rsvp"))
          .length,
    },
    {
      name: "view submission (membership application)",
      body: (n) =>
        interactionBody(
          viewSubmissionPayload({
            actor: actor(n),
            triggerId: `${n}.3.bench`,
            // A new modal each time: every submission is saved, none is a resubmission.
            view: {
              ...form,
              id: `VBENCH${n}`,
              callback_id: MEMBERSHIP_CALLBACK,
              team_id: slack.teamId,
              app_id: slack.appId,
              bot_id: slack.botId,
              hash: `${n}.bench`,
              private_metadata: "",
              root_view_id: `VBENCH${n}`,
              previous_view_id: null,
              state: { values: values(n) },
            },
          }),
        ),
      effects: () => db.submission.count({ where: { kind: "MEMBERSHIP_APPLICATION" } }),
    },
  ];
  return { kinds: list, close: () => db.$disconnect() };
}

/** Waits for the work Convene does after acking to run out, and returns the count it settled at. */
async function settled(effects: () => Promise<number>): Promise<number> {
  let last = await effects();
  for (let i = 0; i < 100; i++) {
    await sleep(250);
    const now = await effects();
    if (now === last) return now;
    last = now;
  }
  return last;
}

export async function measureAckLatency(slack: LocalSlack, convene: RunningProcess, databaseUrl: string): Promise<Figure[]> {
  const bare = await spawnTs(
    path.join(__dirname, "bare-bolt.ts"),
    { SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: slack.signingSecret, SLACK_API_URL: slack.apiUrl },
    /"port":(\d+)[^\n]*"msg":"bare Bolt is ready"/,
  );
  const figures: Figure[] = [];
  const load = await kinds(slack, databaseUrl);
  const agents = new Map([bare.port, convene.port].map((port) => [port, new http.Agent({ keepAlive: true, maxSockets: CONCURRENT })]));
  try {
    for (const kind of load.kinds) {
      log(`ack latency: ${kind.name}, ${CONCURRENT} at once`);
      const burst = (app: RunningProcess) => burstOf(app, agents.get(app.port)!, kind, slack.signingSecret);
      let bareSample = emptySample();
      let conveneSample = emptySample();
      let before: number | undefined;
      for (let pair = 0; pair < WARMUP_PAIRS + TIMED_PAIRS; pair++) {
        const timed = pair >= WARMUP_PAIRS;
        // Convene's effects are counted from here: the warm-up's have settled.
        if (pair === WARMUP_PAIRS) before = kind.effects && (await settled(kind.effects));
        const start = performance.now();
        const ofBare = await burst(bare);
        await sleep(Math.max(0, start + CONVENE_AFTER_MS - performance.now()));
        measuring = timed;
        const ofConvene = await burst(convene);
        measuring = false;
        if (timed) {
          bareSample = merge(bareSample, ofBare);
          conveneSample = merge(conveneSample, ofConvene);
        }
        await sleep(Math.max(0, start + PAIR_EVERY_MS - performance.now()));
      }
      const after = kind.effects && (await settled(kind.effects));
      const effects = before === undefined || after === undefined ? undefined : after - before;
      figures.push(...ackFigures(kind.name, bareSample, conveneSample, effects));
    }
  } finally {
    for (const agent of agents.values()) agent.destroy();
    await load.close();
    await bare.stop();
  }
  return figures;
}

/** The median burst's (the mean would follow a burst the machine held up); null off Linux. */
const median = (ms: number[]) => (ms.length ? round(percentile(ms, 50), 2) : null);

function ackFigures(kind: string, bare: Sample, convene: Sample, effects: number | undefined): Figure[] {
  const p = (s: Sample, q: number) => round(percentile(s.latencies, q), 2);
  const failed = (s: Sample) =>
    s.errors + Object.entries(s.statuses).reduce((sum, [code, count]) => sum + (code.startsWith("2") ? 0 : count), 0);
  const detail = {
    requests: { convene: convene.sent, bare: bare.sent },
    timed: { convene: convene.latencies.length, bare: bare.latencies.length },
    statuses: { convene: convene.statuses, bare: bare.statuses },
    slowestOfBursts: { convene: convene.slowestOfBursts, bare: bare.slowestOfBursts },
    mainThreadWaitingMsPerBurst: { convene: median(convene.waitingMs), bare: median(bare.waitingMs) },
    // Each pair's Convene burst against the bare Bolt burst just before it, on the machine of that second.
    mainThreadCpuRatioOfPairs: median(convene.runningMs.map((ms, i) => ms / bare.runningMs[i]!)),
    ...(effects === undefined ? {} : { conveneEffects: effects }),
  };
  const problems = [
    (failed(convene) || failed(bare)) && `not all answered 2xx: Convene ${failed(convene)}, bare Bolt ${failed(bare)}`,
    effects !== undefined && effects !== convene.sent && `${effects} of Convene's ${convene.sent} requests had their effect`,
  ].filter(Boolean);
  return [
    {
      figure: `main-thread CPU per burst, ${kind}`,
      goal: "(beside bare Bolt's: the work behind the p99)",
      unit: "ms",
      measured: median(convene.runningMs),
      reference: bare.runningMs.length ? { label: `bare Bolt ${median(bare.runningMs)} ms`, value: median(bare.runningMs)! } : null,
      maxRatio: null,
    },
    {
      figure: `ack p50, ${kind}`,
      goal: "(beside bare Bolt p50)",
      unit: "ms",
      measured: p(convene, 50),
      reference: { label: `bare Bolt ${p(bare, 50)} ms`, value: p(bare, 50) },
      maxRatio: null,
    },
    {
      figure: `ack p99, ${kind}`,
      goal: "<= 1.3x bare Bolt p99",
      unit: "ms",
      measured: p(convene, 99),
      reference: { label: `bare Bolt ${p(bare, 99)} ms`, value: p(bare, 99) },
      maxRatio: 1.3,
      detail,
      ...(problems.length ? { note: problems.join("; ") } : {}),
    },
  ];
}

export const ACK_LOAD = `bursts of ${CONCURRENT} concurrent signed requests`;
