// Mutation testing of the pure domain core: `npm run mutate`. Reports land in reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: "npm",
  testRunner: "vitest",
  // Only the fast domain and render unit tests (see vitest.mutate.config.ts), related to each mutant.
  vitest: { configFile: "vitest.mutate.config.ts", related: true },
  mutate: ["src/domain/**/*.ts"],
  coverageAnalysis: "perTest",
  // Static mutants (module-level constants: zod schemas, default lists) rerun every test file in a fresh
  // environment each: about 25% of the mutants and 90% of the time. They are left out to keep a run short.
  ignoreStatic: true,
  // Two cores: one test runner per core.
  concurrency: 2,
  reporters: ["clear-text", "html", "json", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
  timeoutMS: 10_000,
  // Stryker rewrites the tsconfig's paths with the TypeScript compiler API, which TypeScript 7 (native)
  // no longer ships; the tsconfig has no paths outside the sandbox, so point Stryker at no tsconfig.
  tsconfigFile: "stryker-has-no-tsconfig.json",
};
