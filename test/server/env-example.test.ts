import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTree } from "../../src/cli/files.js";

const PROBOT = "node_modules/probot/lib";

/** Environment variables read in some source text: `process.env.X`, `env.X`, `env["X"]`. */
const variablesIn = (text: string): string[] =>
  [...text.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]+)|\[\s*["']([A-Z][A-Z0-9_]+)["']\s*\])/g)].map(
    (m) => m[1] ?? m[2] ?? "",
  );

/** What Probot reads when it starts the server or builds itself from the environment. */
const probotSources = () =>
  [
    "bin/read-env-options.js",
    "create-probot.js",
    "run.js",
    "manifest-creation.js",
    "apps/setup.js",
    ...readdirSync(join(PROBOT, "helpers")).map((f) => `helpers/${f}`),
  ]
    .filter((f) => f.endsWith(".js"))
    .map((f) => readFileSync(join(PROBOT, f), "utf8"));

/** Names `.env.example` documents, set (`NAME=`) or commented out (`# NAME=`). */
const documented = () =>
  new Set(
    [...readFileSync(".env.example", "utf8").matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1] ?? ""),
  );

describe(".env.example", () => {
  it("documents every variable the app and Probot read", () => {
    const app = readTree("src")
      .filter((f) => f.path.endsWith(".ts") && !f.path.startsWith("sandbox/"))
      .flatMap((f) => variablesIn(f.text));
    const read = new Set([...app, ...probotSources().flatMap(variablesIn)]);
    expect(read).toContain("RUNGS_SIGNING_KEY");
    expect(read).toContain("WEBHOOK_SECRET");
    expect([...read].filter((v) => !documented().has(v)).sort()).toEqual([]);
  });

  it("gives every variable a comment, and holds no value for a credential", () => {
    const lines = readFileSync(".env.example", "utf8").split("\n");
    lines.forEach((line, i) => {
      if (/^#? ?[A-Z][A-Z0-9_]+=/.test(line)) expect(lines[i - 1], `comment above ${line}`).toMatch(/^#/);
    });
    for (const secret of ["PRIVATE_KEY", "WEBHOOK_SECRET", "RUNGS_SIGNING_KEY", "GITHUB_TOKEN"])
      expect(lines.filter((l) => l.startsWith(`${secret}=`) && l !== `${secret}=`)).toEqual([]);
  });
});
