/**
 * Ack latency under 50 concurrent Slack-signed requests (each request signed afresh), for a slash
 * command, a button and a view submission, against a bare Bolt app that only acks, measured in the
 * same run under the same load: a burst of 50 sent at once every second (50 people answering their
 * reminders), on 50 connections kept alive between bursts. Each burst starts together: with
 * connections that each keep their own rate (autocannon's), they drifted apart within a second,
 * later "bursts" were spread out, and the p99 was decided by each slice's first burst and its 50
 * connection set-ups. A closed loop (each connection sending again the moment it is answered)
 * would measure throughput, not latency: work done after an ack would pile up without bound.
 * Slices alternate A-B-B-A, twice, so that drift on a shared machine falls on both; each app's p99
 * is taken over 24 bursts (1,200 answers), as one over 12 moved with its one or two worst bursts.
 * Every request is new
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
const BURST_EVERY_MS = 1000;
/** Bursts per slice: 2 s of warm-up, and 6 s measured. */
const WARMUP_BURSTS = 2;
const SLICE_BURSTS = 6;
/** A-B-B-A rounds per kind. */
const ROUNDS = 2;
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
  /** Requests sent, the untimed burst's included: each should have its effect. */
  sent: number;
  statuses: Record<string, number>;
  errors: number;
}

/** Request numbers run on across slices and kinds, so every request is new. */
let sent = 0;
/** True while Convene's measured slices are sent. */
let measuring = false;

/**
 * One slice: `bursts` timed bursts of CONCURRENT requests, one a second, on the app's kept-alive
 * connections, after one untimed burst. Node's server closes a connection idle for 5 s, and an
 * app waits out the other's slice: without that first burst, a slice that followed a long wait
 * timed 50 connection set-ups in its first burst, and one that followed a short wait did not.
 */
const emptySample = (): Sample => ({ latencies: [], slowestOfBursts: [], runningMs: [], waitingMs: [], sent: 0, statuses: {}, errors: 0 });

async function loadOf(app: RunningProcess, agent: http.Agent, kind: Kind, bursts: number, secret: string): Promise<Sample> {
  const sample = emptySample();
  for (let i = 0; i <= bursts; i++) {
    const due = performance.now() + BURST_EVERY_MS;
    // Built and signed before the first is sent, so no request waits on another's building.
    const bodies = Array.from({ length: CONCURRENT }, () => kind.body(sent++));
    const before = app.mainThreadMs();
    const answered = await allAtOnce(app.port, secret, bodies, agent);
    const after = app.mainThreadMs();
    sample.sent += bodies.length;
    for (const status of answered.statuses) {
      if (status === 0) sample.errors++;
      else sample.statuses[status] = (sample.statuses[status] ?? 0) + 1;
    }
    if (i > 0) {
      sample.latencies.push(...answered.ms);
      sample.slowestOfBursts.push(round(Math.max(...answered.ms)));
      if (before && after) {
        sample.runningMs.push(after.running - before.running);
        sample.waitingMs.push(after.waiting - before.waiting);
      }
    }
    await sleep(Math.max(0, due - performance.now()));
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
      const run = (app: RunningProcess, bursts: number) => loadOf(app, agents.get(app.port)!, kind, bursts, slack.signingSecret);
      await run(bare, WARMUP_BURSTS);
      await run(convene, WARMUP_BURSTS);
      // Convene's own slices are counted for effects; its leftover work is let finish before
      // bare Bolt's next slice, so that slice does not share the CPU with it.
      const before = kind.effects && (await settled(kind.effects));
      let bareSample = emptySample();
      let conveneSample = emptySample();
      let after: number | undefined;
      for (let round = 0; round < ROUNDS; round++) {
        bareSample = merge(bareSample, await run(bare, SLICE_BURSTS));
        measuring = true;
        conveneSample = merge(conveneSample, await run(convene, SLICE_BURSTS));
        conveneSample = merge(conveneSample, await run(convene, SLICE_BURSTS));
        measuring = false;
        after = kind.effects && (await settled(kind.effects));
        bareSample = merge(bareSample, await run(bare, SLICE_BURSTS));
      }
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
