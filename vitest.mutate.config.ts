import { defineConfig } from "vitest/config";

// Mutation testing (npm run mutate): only the fast, pure unit tests of the domain and the renderer.
export default defineConfig({
  test: {
    // RUNGS_MUTATE_TESTS=path,path narrows a run to some test files (say, while others' tests are red).
    include: process.env.RUNGS_MUTATE_TESTS?.split(",") ?? ["test/domain/**/*.test.ts", "test/render/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 30_000,
    pool: "threads",
  },
});
