import { Counter, Registry } from "prom-client";

/**
 * Convene's Prometheus metrics, in a registry of their own (not prom-client's global one) so that
 * each test, and each app instance in a test, counts separately. The app serves
 * `registry.metrics()` on its metrics route.
 */
export interface Metrics {
  registry: Registry;
  deliveriesSent: Counter<"kind">;
  deliveriesLate: Counter<"kind">;
  deliveriesSkipped: Counter<"kind" | "reason">;
  deliveriesFailed: Counter<"kind">;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const counter = <L extends string>(name: string, help: string, labelNames: L[]) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  return {
    registry,
    deliveriesSent: counter("convene_deliveries_sent_total", "Messages the scheduler posted (reminders, notices, prompts).", ["kind"]),
    deliveriesLate: counter(
      "convene_deliveries_late_total",
      "Messages posted later than they were due (after downtime or a Slack outage).",
      ["kind"],
    ),
    deliveriesSkipped: counter(
      "convene_deliveries_skipped_total",
      "Planned messages dropped: session passed, cancelled, superseded, opted out...",
      ["kind", "reason"],
    ),
    deliveriesFailed: counter(
      "convene_deliveries_failed_total",
      "Messages Slack refused for good (e.g. channel archived or bot not in it).",
      ["kind"],
    ),
  };
}
