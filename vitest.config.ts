import { defineConfig } from 'vitest/config';

// Two projects. Unit tests call stages in process and need no browser, so `npm run test:unit`
// (`--project unit`) starts none. End-to-end tests print with one Chromium for the whole project
// (globalSetup); the files and the CLIs they spawn connect to it. The projects run in one group,
// side by side on four workers: while an end-to-end file waits on a CLI or Chromium, another file
// has the CPU (run one after the other, they kept the two cores 166 % busy and took 6.6 min).
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
          // One group shares one number of workers (vitest's rule); see the e2e project.
          maxWorkers: 4,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-browser.ts'],
          // As in the unit project, files share a worker's modules. No end-to-end file mocks a module,
          // sets the environment or keeps state in a shared module; each removes what it made.
          isolate: false,
          // Much of an end-to-end test is spent waiting on Chromium, CLIs and redis-server, not on
          // this process: four files at once on two cores.
          maxWorkers: 4,
          // The hang guard again, longer: at a load of 20 on two cores, a beforeAll that makes two
          // editions of the mini corpus took over 120 s.
          testTimeout: 300_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 0 },
        },
      },
    ],
  },
});
