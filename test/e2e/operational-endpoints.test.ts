import { providers } from "../helpers/databases";
import { startHarness, type Harness } from "../helpers/harness";

const TOKEN = "metrics-scraper-secret-0123456789";

describe.each(providers)("/healthz and /metrics, on %s", (provider) => {
  describe("by default", () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(provider);
    });
    afterAll(() => h.stop());

    it("/healthz says only whether Convene and its database answer", async () => {
      const res = await fetch(`${h.baseUrl}/healthz`);
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ status: "ok" });
      expect(text).not.toMatch(/sqlite|postgres/i);
    });

    it("/metrics is served on the main port, as Prometheus reads it", async () => {
      const res = await fetch(`${h.baseUrl}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("# HELP convene_deliveries_sent_total");
    });
  });

  describe("with METRICS_TOKEN", () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(provider, { METRICS_TOKEN: TOKEN });
    });
    afterAll(() => h.stop());

    it.each([
      ["no credentials", {}],
      ["a wrong token", { authorization: "Bearer not-the-metrics-token-at-all" }],
      ["the token without the Bearer scheme", { authorization: TOKEN }],
    ])("refuses %s with 401 and no figures", async (_label, headers) => {
      const res = await fetch(`${h.baseUrl}/metrics`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await res.text()).not.toContain("convene_");
    });

    it("serves the figures to the bearer of the token", async () => {
      const res = await fetch(`${h.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("convene_deliveries_sent_total");
    });
  });

  describe("with METRICS_PORT", () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness(provider, { METRICS_PORT: "0" });
    });
    afterAll(() => h.stop());

    it("serves /metrics only on its own port, and nothing else there", async () => {
      expect(h.convene.metricsPort).toBeGreaterThan(0);
      expect(h.convene.metricsPort).not.toBe(h.convene.port);
      expect((await fetch(`${h.baseUrl}/metrics`)).status).toBe(404);
      const own = `http://127.0.0.1:${h.convene.metricsPort}`;
      const res = await fetch(`${own}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("convene_deliveries_sent_total");
      expect((await fetch(`${own}/healthz`)).status).toBe(404);
      expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
    });
  });
});
