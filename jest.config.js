/**
 * Two projects. `unit`: pure tables of domain rules and views, and other tests that need neither a
 * database nor a running Convene; no global setup, so `npx jest --selectProjects unit` runs in
 * seconds without PostgreSQL. `integration`: everything else, on both databases (the global setup
 * migrates one template of each per run). `npm test` runs both.
 */
const UNIT = [
  "<rootDir>/test/domain/**/*.test.ts",
  "<rootDir>/test/views/**/*.test.ts",
  "<rootDir>/test/architecture.test.ts",
  "<rootDir>/test/config.test.ts",
  "<rootDir>/test/logger.test.ts",
  "<rootDir>/test/idle-collector.test.ts",
  "<rootDir>/test/cli/schema.test.ts",
  "<rootDir>/test/local-slack/block-kit-limits.test.ts",
  "<rootDir>/test/local-slack/signing.test.ts",
  "<rootDir>/test/outbox/pacer.test.ts",
  "<rootDir>/test/slack/after-ack.test.ts",
  "<rootDir>/test/slack/listener-router.test.ts",
  "<rootDir>/test/slack/signed-by-slack.test.ts",
  "<rootDir>/test/sandbox/block-kit-html.test.ts",
  "<rootDir>/test/sandbox/mrkdwn-html.test.ts",
];

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", {
      jsc: { parser: { syntax: "typescript" }, target: "es2022" },
      module: { type: "commonjs" },
    }],
  },
};

/** @type {import('jest').Config} */
module.exports = {
  // A global option: jest ignores it inside a project.
  testTimeout: 30000,
  projects: [
    { ...shared, displayName: "unit", testMatch: UNIT },
    {
      ...shared,
      displayName: "integration",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", ...UNIT.map((glob) => glob.replace("<rootDir>", "").replace("/**/*.test.ts", "/").replace(/\./g, "\\."))],
      globalSetup: "<rootDir>/test/global-setup.js",
      globalTeardown: "<rootDir>/test/global-teardown.js",
    },
  ],
};
