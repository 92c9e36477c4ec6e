/**
 * `npm run bench`: every scenario in turn, then one table of figures, each beside its peer or
 * bound, also written to bench-results/latest.json. `--only=start,ack,crowd,views,tick,burst,report` runs some.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";
import { LocalSlack } from "../src/local-slack";
import { ACK_LOAD, measureAckLatency } from "./ack-latency";
import { CROWD_LOAD, measureCrowds } from "./crowd";
import { loadedMemory, measureStart } from "./memory-and-start";
import { measureReminderBurst } from "./reminder-burst";
import { measureReport } from "./report";
import { type Figure, log, metOf, ratioOf, root } from "./support";
import { measureTicks } from "./tick";
import { measureViewsOpen } from "./views-open";

const SCENARIOS = ["start", "ack", "crowd", "views", "tick", "burst", "report"] as const;
type Scenario = (typeof SCENARIOS)[number];

function selected(): Set<Scenario> {
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  if (!only) return new Set(SCENARIOS);
  const names = only.split(",").map((s) => s.trim());
  const unknown = names.filter((n) => !(SCENARIOS as readonly string[]).includes(n));
  if (unknown.length) throw new Error(`unknown scenario ${unknown.join(", ")}: choose from ${SCENARIOS.join(", ")}`);
  return new Set(names as Scenario[]);
}

async function main(): Promise<void> {
  const run = selected();
  const started = Date.now();
  const figures: Figure[] = [];
  const slack = await LocalSlack.start({ signingSecret: "bench-signing-secret-0123456789" });
  try {
    // start, ack, crowd and views share one Convene process: started cold, loaded, then measured with 10k groups.
    if (run.has("start") || run.has("ack") || run.has("crowd") || run.has("views")) {
      const started = await measureStart(slack);
      try {
        if (run.has("start")) figures.push(...started.figures);
        if (run.has("ack")) figures.push(...(await measureAckLatency(slack, started.convene, started.databaseUrl)));
        if (run.has("crowd")) figures.push(...(await measureCrowds(slack, started.convene, started.databaseUrl)));
        if (run.has("start") && (run.has("ack") || run.has("crowd")))
          figures.push(
            ...(await loadedMemory(
              started.convene,
              [run.has("ack") && ACK_LOAD, run.has("crowd") && CROWD_LOAD].filter(Boolean).join(", "),
            )),
          );
        if (run.has("views")) figures.push(...(await measureViewsOpen(slack, started.convene, started.databaseUrl)));
      } finally {
        await started.convene.stop();
        started.removeDatabase();
      }
    }
    if (run.has("tick")) figures.push(...(await measureTicks(slack)));
    if (run.has("burst")) figures.push(...(await measureReminderBurst()));
    if (run.has("report")) figures.push(...(await measureReport()));
  } finally {
    await slack.stop();
  }

  const elapsed = (Date.now() - started) / 1000;
  process.stdout.write(`${table(figures)}\n`);
  process.stdout.write(
    `\n${figures.length} figures in ${elapsed.toFixed(0)} s on ${cpus().length} × ${cpus()[0]?.model ?? "CPU"}, Node ${process.version}.\n`,
  );
  const notes = figures.filter((f) => f.note && f.measured !== null);
  if (notes.length) process.stdout.write(`\nNotes:\n${notes.map((f) => `- ${f.figure}: ${f.note}`).join("\n")}\n`);
  const missed = figures.filter((f) => metOf(f) === false);
  if (missed.length) process.stdout.write(`Goals not met: ${missed.map((f) => f.figure).join("; ")}.\n`);

  const dir = path.join(root, "bench-results");
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, "latest.json");
  writeFileSync(
    out,
    `${JSON.stringify(
      {
        ranAt: new Date(started).toISOString(),
        elapsedSeconds: Math.round(elapsed),
        machine: {
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          memoryGb: Math.round(totalmem() / 2 ** 30),
          node: process.version,
          platform: process.platform,
        },
        figures: figures.map((f) => ({ ...f, ratio: ratioOf(f), met: metOf(f) })),
      },
      null,
      2,
    )}\n`,
  );
  log(`written to ${path.relative(process.cwd(), out)}`);
}

function table(figures: readonly Figure[]): string {
  const rows = figures.map((f) => {
    const ratio = ratioOf(f);
    const met = metOf(f);
    return [
      f.figure,
      f.reference && f.maxRatio !== null ? `${f.goal} (${f.reference.label})` : f.reference ? `${f.goal}: ${f.reference.label}` : f.goal,
      f.outcome ? f.outcome.text : f.measured === null ? `not measured${f.note ? `: ${f.note}` : ""}` : `${f.measured} ${f.unit}`,
      ratio === null ? "" : `${ratio.toFixed(2)}x`,
      met === null ? "-" : met ? "yes" : "NO",
    ];
  });
  const head = ["Figure", "Goal", "Measured", "Ratio", "Met?"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
