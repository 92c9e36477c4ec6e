/**
 * The participation report at a large coalition's size, on both databases: 10,000 people of 200
 * organizations, 500 groups of 20 members (and waitlists), ten sessions each held this year, and
 * 100,000 attendance rows with RSVPs. Two figures: the data behind the report modal (the
 * figures read and the modal built, what `/convene report` waits for between its loading view and
 * the filled one), and the whole CLI report (`runCli`: migrations checked, figures, CSV files and
 * PNG charts written to a folder).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../src/cli/main";
import { participationFigures } from "../src/services/report-service";
import { reportModal } from "../src/views/report-modal";
import { insertRaw, seedGroups, seedProgramme, seedSessions, ZONE } from "./seed";
import { type BenchDb, type Figure, log, percentile, postgresDb, round, sqliteDb, underBound } from "./support";

const PEOPLE = 10_000;
const ORGANIZATIONS = 200;
const GROUPS = 500;
const MEMBERS = 20;
const SESSIONS_PER_GROUP = 10;
const MODAL_BOUND_S = 3;
const CLI_BOUND_S = 10;
const RUNS = 3;
const DAY = 24 * 60 * 60_000;
/** In June: the year's sessions all held. */
const NOW = new Date("2022-06-15T15:00:00Z");

export async function measureReport(): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const provider of ["sqlite", "postgresql"] as const) {
    const store = provider === "sqlite" ? await sqliteDb() : await postgresDb();
    if (!store) {
      figures.push(
        underBound(`report modal filled, ${provider}, 100k attendance rows`, "s", null, MODAL_BOUND_S, { note: "PostgreSQL unreachable" }),
      );
      figures.push(
        underBound(`CLI report (CSVs + PNGs), ${provider}, 100k attendance rows`, "s", null, CLI_BOUND_S, {
          note: "PostgreSQL unreachable",
        }),
      );
      continue;
    }
    try {
      figures.push(...(await measureOn(store)));
    } finally {
      await store.drop();
    }
  }
  return figures;
}

async function seed(store: BenchDb): Promise<{ id: string; slug: string; name: string; timezone: string }> {
  const { db } = store;
  const t0 = performance.now();
  const programmeId = await seedProgramme(db, NOW);
  const orgIds = Array.from({ length: ORGANIZATIONS }, (_, i) => `borg${String(i).padStart(6, "0")}${programmeId.slice(-6)}`);
  await insertRaw(
    store,
    "Organization",
    orgIds.map((id, i) => ({
      id,
      name: `School ${i} of the coalition`,
      nameKey: `school ${i} of the coalition ${programmeId.slice(-6)}`,
      memberStatus: "MEMBER",
      kind: "SCHOOL",
    })),
  );
  const personIds = Array.from({ length: PEOPLE }, (_, i) => `bper${String(i).padStart(7, "0")}${programmeId.slice(-6)}`);
  // One in ten from no organization (guests, staff).
  await insertRaw(
    store,
    "Person",
    personIds.map((id, i) => ({
      id,
      slackUserId: `UB${programmeId.slice(-6)}${i}`,
      name: `Person ${i}`,
      organizationId: i % 10 === 9 ? null : orgIds[i % ORGANIZATIONS]!,
    })),
  );
  const groups = await seedGroups(store, programmeId, GROUPS);
  // Every person has a place in one group; each group also has a waitlist of two from other groups.
  const memberOf = (g: number, k: number) => personIds[g * MEMBERS + k]!;
  await insertRaw(store, "Membership", [
    ...groups.flatMap((groupId, g) => Array.from({ length: MEMBERS }, (_, k) => ({ groupId, personId: memberOf(g, k), status: "ACTIVE" }))),
    ...groups.flatMap((groupId, g) =>
      [1, 2].map((d) => ({ groupId, personId: memberOf((g + d) % GROUPS, 0), status: "WAITLISTED", waitlistedAt: NOW })),
    ),
  ]);
  // Ten sessions per group, monthly from September.
  await seedSessions(
    store,
    programmeId,
    groups.flatMap((groupId, g) =>
      Array.from({ length: SESSIONS_PER_GROUP }, (_, s) => ({
        groupId,
        startsAt: new Date(Date.UTC(2021, 8 + (s % 9), 8 + (g % 20), 20) + (s >= 9 ? 20 * DAY : 0)),
      })),
    ),
    NOW,
  );
  const sessions = await db.session.findMany({ where: { programmeId }, select: { id: true, groupId: true } });
  const members = new Map(groups.map((groupId, g) => [groupId, Array.from({ length: MEMBERS }, (_, k) => memberOf(g, k))]));
  const attendance = sessions.flatMap((s) =>
    members.get(s.groupId!)!.map((personId, k) => ({
      sessionId: s.id,
      personId,
      attended: (k + s.id.length) % 4 !== 0,
      recordedById: personId,
      recordedAt: NOW,
    })),
  );
  await insertRaw(store, "Attendance", attendance, []);
  await insertRaw(
    store,
    "Rsvp",
    attendance
      .filter((_, i) => i % 2 === 0)
      .map((a, i) => ({ sessionId: a.sessionId, personId: a.personId, response: i % 3 === 0 ? "NOT_GOING" : "GOING" })),
    ["updatedAt"],
  );
  log(
    `report: ${store.provider}, seeded ${PEOPLE} people, ${GROUPS} groups, ${sessions.length} sessions, ${attendance.length} attendance rows in ${round((performance.now() - t0) / 1000)} s`,
  );
  const p = await db.programme.findUniqueOrThrow({
    where: { id: programmeId },
    select: { id: true, slug: true, name: true, timezone: true },
  });
  return p;
}

async function measureOn(store: BenchDb): Promise<Figure[]> {
  const programme = await seed(store);
  const modal: number[] = [];
  let blocks = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const report = await participationFigures(store.db, programme, NOW);
    blocks = reportModal(report, { zone: ZONE }).blocks.length;
    modal.push((performance.now() - t0) / 1000);
  }
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), "convene-bench-report-"));
    const t0 = performance.now();
    const code = await runCli(
      ["report", programme.slug, "--out", dir, "--at", NOW.toISOString()],
      { DATABASE_URL: store.url, LOG_LEVEL: "silent" },
      () => {},
    );
    cli.push((performance.now() - t0) / 1000);
    rmSync(dir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`the report command exited ${code}`);
  }
  return [
    underBound(
      `report modal filled, ${store.provider}, 100k attendance rows, p50 of ${RUNS}`,
      "s",
      round(percentile(modal, 50), 2),
      MODAL_BOUND_S,
      { detail: { runs: modal.map((s) => round(s, 2)), blocks } },
    ),
    underBound(
      `CLI report (CSVs + PNGs), ${store.provider}, 100k attendance rows, p50 of ${RUNS}`,
      "s",
      round(percentile(cli, 50), 2),
      CLI_BOUND_S,
      { detail: { runs: cli.map((s) => round(s, 2)) } },
    ),
  ];
}
