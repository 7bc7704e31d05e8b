import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect, onTestFinished } from "vitest";
import { SIMULATE_SIGNING_KEY } from "../../src/signing-key.js";
import { runRungs } from "./cli.js";
import { CAREER, type Harness } from "./harness.js";

export interface ReportJson {
  err: string;
  ready: boolean;
  readiness: {
    ready: boolean;
    needed: { quarters: number; of: number };
    window: { quarter: string; status: string }[];
  };
  criteria: { id: string; kind: string; value: number | null; met: boolean }[];
  focus: string[];
  items: {
    counted: number;
    observed: number;
    confirmed: number;
    claimed: number;
    unverified: number;
    rejected: number;
    excluded: number;
  };
  decisions: {
    ref: string;
    status: string;
    kind: string;
    criterion?: string;
    by?: string;
    reason?: string;
  }[];
}

/** The career repo as the app left it, in a temporary folder (removed after the test). */
export const checkout = (h: Harness): string => {
  const dir = mkdtempSync(join(tmpdir(), "rungs-report-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [path, text] of Object.entries(h.sandbox.files(CAREER))) {
    mkdirSync(dirname(join(dir, "repo", path)), { recursive: true });
    writeFileSync(join(dir, "repo", path), text);
  }
  writeFileSync(join(dir, "signing-key"), `${SIMULATE_SIGNING_KEY}\n`);
  return dir;
};

/** `rungs report` over the career repo as the app left it, with the simulation's signing key. */
export const reportOf = async (h: Harness, login: string, quarter = "2026-Q4", json = true) => {
  const dir = checkout(h);
  const args = ["report", "--career", join(dir, "repo"), "--login", login, "--quarter", quarter];
  const run = await runRungs(
    ...args,
    ...(json ? ["--json"] : []),
    "--signing-key-file",
    join(dir, "signing-key"),
  );
  expect(run.code).toBe(0);
  return run;
};

export const reportJson = async (h: Harness, login: string, quarter = "2026-Q4"): Promise<ReportJson> => {
  const run = await reportOf(h, login, quarter);
  return { err: run.err, ...(JSON.parse(run.out) as Omit<ReportJson, "err">) };
};
