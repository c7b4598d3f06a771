import { defineConfig } from 'vitest/config';

// Two projects. Unit tests call stages in process and need no browser, so `npm run test:unit`
// (`--project unit`) starts none. End-to-end tests print with one Chromium for the whole project
// (globalSetup); the files and the CLIs they spawn connect to it. The projects run one after the
// other (groupOrder), each with its own number of workers.
export default defineConfig({
  test: {
    pool: 'forks',
    // A hang guard, not a speed bound: end-to-end tests start Chromium, CLIs and redis-server, and
    // the machines are shared.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Files share a worker's modules instead of each loading its own (ajv and the Vega-Lite
          // schema, Handlebars, the stages): half the CPU time of the unit run went to loading them.
          // Unit tests keep no state in modules, mock no module and fake timers only inside a test.
          isolate: false,
          // Two on two cores: vitest's default (cores − 1) ran the files one after another.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-browser.ts'],
          // Most of an end-to-end test is spent waiting on Chromium, CLIs and redis-server, not on
          // this process: three files at once on two cores.
          maxWorkers: 3,
          // The hang guard again, longer: at a load of 20 on two cores, a beforeAll that makes two
          // editions of the mini corpus took over 120 s.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
