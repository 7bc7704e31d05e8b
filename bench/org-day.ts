/**
 * An organisation's working day through the app, on simulated time: `engineers` people, 10 hours, two
 * merged PRs and four reviews per engineer, and an issue closed by every fourth engineer, delivered
 * to `instances` app instances that share one write budget. Measures content writes per minute and per
 * hour (the in-memory GitHub enforces GitHub's 80/500 limits), evidence lost, and how long each event
 * waits until its goal issue shows it.
 *
 *   node --expose-gc --import tsx bench/org-day.ts [--engineers 200] [--instances 3] [--json]
 */
import type { Probot } from "probot";
import { bundledLadder, readTree } from "../src/cli/files.js";
import { loadTemplates } from "../src/deps.js";
import { signer } from "../src/domain/signature.js";
import { DEFAULT_WRITE_LIMITS } from "../src/domain/write-window.js";
import { loadConfig } from "../src/github/config.js";
import type { GitHub } from "../src/github/types.js";
import { budgetWrites } from "../src/github/write-budget.js";
import { Sandbox } from "../src/sandbox/index.js";
import { probotAgainst } from "../src/simulate/probot.js";
import { sandboxDeps } from "../src/simulate/run.js";
import { MemoryWriteBudget } from "../src/store/write-budget.js";
import { BoundedSet } from "../src/usecases/bounded-set.js";
import { openQuarter } from "../src/usecases/schedule.js";
import {
  type Delivery,
  INSTALLATION_ID,
  issueClosed,
  prMerged,
  reviewSubmitted,
} from "../test/support/events.js";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

export interface OrgDay {
  engineers: number;
  events: number;
  contentWritesPeakPerMinute: number;
  contentWritesPeakPerHour: number;
  refused: number;
  evidenceLost: number;
  goalIssueLagP95Minutes: number;
  goalIssueLagMaxMinutes: number;
  simulatedHoursToSettle: number;
  /** Simulated hours `rungs open-quarter` took to open every goal issue under the budget, before the day. */
  openQuarterHours: number;
  wallSeconds: number;
}

const START = Date.UTC(2026, 10, 3, 8); // a Tuesday in the middle of 2026-Q4
const HOURS = 10;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export const orgDay = async (engineers: number, instances = 3, seed = 5): Promise<OrgDay> => {
  const wall = Date.now();
  const sandbox = new Sandbox({
    seed,
    installationId: INSTALLATION_ID,
    account: "acme",
    // Room before the day for opening every goal issue under GitHub's content limits (2 days at 2,000).
    now: START - 48 * 3_600_000,
  });
  const people = Array.from({ length: engineers }, (_, i) => `eng${String(i + 1).padStart(4, "0")}`);
  const files: Record<string, string> = Object.fromEntries(
    readTree("examples/career-repo").map((f) => [f.path, f.text]),
  );
  for (const login of people)
    files[`people/${login}/profile.md`] =
      `---\nname: ${login}\nlevel: IC1\nmanager: dana\nsince: 2025-10-01\n---\n`;
  sandbox.addRepo({ owner: "acme", name: "careers", private: true, files });
  const base = sandboxDeps(sandbox, { bundledLadder: bundledLadder(), templates: loadTemplates(), seed });
  const budget = new MemoryWriteBudget(DEFAULT_WRITE_LIMITS);
  const tasks: (() => Promise<void>)[] = [];
  const probots: Probot[] = [];
  for (let i = 0; i < instances; i++)
    probots.push(
      await probotAgainst(sandbox.fetch, {
        ...base,
        writeBudget: {
          budget,
          limits: DEFAULT_WRITE_LIMITS,
          maxWaitMs: 15 * 60_000,
          every: (_ms, t) => tasks.push(t),
        },
      }),
    );

  // Mid-quarter, every engineer's goal issue is open: `rungs open-quarter` opened them on the quarter's
  // first day, through the same budget (four writes a person: claim, issue, record, the manager's mention).
  const opening = sandbox.clock.now();
  if (!process.argv.includes("--no-open-quarter")) {
    const github = (await (probots[0] as Probot).auth(INSTALLATION_ID)) as GitHub;
    budgetWrites(github, {
      budget,
      installation: INSTALLATION_ID,
      now: base.now,
      sleep: base.sleep,
      maxWaitMs: 48 * 3_600_000,
    });
    const loaded = await loadConfig(github, "acme", bundledLadder());
    if (!loaded.ok) throw new Error(`bench org-day: config does not load: ${loaded.problems[0]?.message}`);
    const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    const opened = await openQuarter(
      {
        github,
        config: loaded.config,
        log,
        deliveryId: "open-quarter",
        now: base.now,
        random: base.random,
        sleep: base.sleep,
        templates: base.templates,
        memo: new BoundedSet(10_000),
        signer: signer(base.signingKey),
      },
      { year: 2026, q: 4 },
    );
    if (opened.opened.length < engineers)
      throw new Error(`bench org-day: open-quarter opened ${opened.opened.length} of ${engineers}`);
  }
  const openQuarterHours = Math.round(((sandbox.clock.now() - opening) / 3_600_000) * 10) / 10;
  if (sandbox.clock.now() > START) throw new Error("bench org-day: opening the quarter ran into the day");

  // Two merged PRs per engineer, each reviewed twice by colleagues, spread evenly over the day.
  const stream: { at: number; login: string; delivery: Delivery }[] = [];
  const prs = engineers * 2;
  for (let i = 0; i < prs; i++) {
    const author = people[i % engineers] as string;
    const mergedAt = START + Math.floor(((i + 0.5) / prs) * HOURS * 3_600_000);
    for (const k of [1, 2]) {
      const reviewer = people[(i + k * 7) % engineers] as string;
      const at = mergedAt - k * 60_000;
      stream.push({
        at,
        login: reviewer,
        delivery: reviewSubmitted({
          repo: "web",
          number: 10_000 + i,
          prAuthor: author,
          prTitle: `feat: ${i}`,
          reviewer,
          state: "approved",
          submittedAt: iso(at),
          reviewId: 900_000 + i * 2 + k,
        }),
      });
    }
    stream.push({
      at: mergedAt,
      login: author,
      delivery: prMerged({
        repo: "web",
        number: 10_000 + i,
        author,
        title: `feat: ${i}`,
        labels: ["feature"],
        createdAt: iso(mergedAt - 7_200_000),
        mergedAt: iso(mergedAt),
      }),
    });
  }
  // A quarter of the engineers close an issue as completed (about 500 at 2,000 engineers).
  const issues = Math.round(engineers / 4);
  for (let i = 0; i < issues; i++) {
    const assignee = people[(i * 4 + 1) % engineers] as string;
    const closedAt = START + Math.floor(((i + 0.25) / issues) * HOURS * 3_600_000);
    stream.push({
      at: closedAt,
      login: assignee,
      delivery: issueClosed({
        repo: "web",
        number: 50_000 + i,
        title: `bug: ${i}`,
        assignees: [assignee],
        labels: ["bug"],
        createdAt: iso(closedAt - 3 * 86_400_000),
        closedAt: iso(closedAt),
      }),
    });
  }
  stream.sort((a, b) => a.at - b.at);

  // Each event waits until its person's goal issue shows as many items as the person had by then.
  const counted = new Map<string, number>();
  const waiting: { login: string; n: number; at: number }[] = [];
  const lags: number[] = [];
  let peakMinute = 0;
  let peakHour = 0;
  const observe = () => {
    const limits = sandbox.contentLimits();
    peakMinute = Math.max(peakMinute, limits.lastMinute);
    peakHour = Math.max(peakHour, limits.lastHour);
  };
  const check = () => {
    if (waiting.length === 0) return;
    const shown = new Map<string, number>();
    for (const issue of sandbox.issues("acme/careers")) {
      const n = /\n(\d+) items?\./.exec(issue.body)?.[1];
      for (const a of issue.assignees) if (n) shown.set(a, Number(n));
    }
    const now = sandbox.clock.now();
    for (let k = waiting.length - 1; k >= 0; k--) {
      const w = waiting[k] as (typeof waiting)[number];
      if ((shown.get(w.login) ?? 0) >= w.n) {
        lags.push(now - w.at);
        waiting.splice(k, 1);
      }
    }
  };

  let nextCheck = START;
  for (const [i, e] of stream.entries()) {
    while (sandbox.clock.now() < e.at && nextCheck <= e.at) {
      if (sandbox.clock.now() < nextCheck) sandbox.clock.set(nextCheck);
      for (const t of tasks) await t();
      observe();
      check();
      nextCheck += 60_000;
    }
    sandbox.applyEvent(e.delivery.name, e.delivery.payload);
    const n = (counted.get(e.login) ?? 0) + 1;
    counted.set(e.login, n);
    waiting.push({ login: e.login, n, at: Math.max(e.at, sandbox.clock.now()) });
    const probot = probots[i % instances] as Probot;
    await probot
      .receive({ id: e.delivery.id, name: e.delivery.name, payload: e.delivery.payload } as Parameters<
        Probot["receive"]
      >[0])
      .catch(() => undefined);
    observe();
  }
  // After the day: the backlog drains minute by minute until every goal issue is current (or a day passes).
  const end = sandbox.clock.now();
  for (let m = 0; waiting.length && m < 24 * 60; m++) {
    sandbox.clock.advance(60_000);
    for (const t of tasks) await t();
    observe();
    check();
  }
  let lost = 0;
  const ledgerFiles = sandbox.files("acme/careers");
  for (const [login, n] of counted) {
    const prefix = `people/${login}/evidence/2026-Q4`;
    const items = Object.entries(ledgerFiles)
      .filter(([p]) => p.startsWith(`${prefix}/`))
      .reduce((sum, [, text]) => sum + (text.match(/^\s*- kind:/gm)?.length ?? 0), 0);
    if (items < n) lost += n - items;
  }
  lags.sort((a, b) => a - b);
  const p95 = lags.length ? (lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.95))] as number) : 0;
  const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;
  return {
    engineers,
    events: stream.length,
    contentWritesPeakPerMinute: peakMinute,
    contentWritesPeakPerHour: peakHour,
    refused: sandbox.contentLimits().refused,
    evidenceLost: lost,
    goalIssueLagP95Minutes: minutes(p95),
    goalIssueLagMaxMinutes: minutes(lags.at(-1) ?? 0),
    simulatedHoursToSettle: Math.round(((sandbox.clock.now() - end) / 3_600_000) * 10) / 10,
    openQuarterHours,
    wallSeconds: Math.round((Date.now() - wall) / 100) / 10,
  };
};

if (process.argv[1]?.endsWith("org-day.ts")) {
  const result = await orgDay(arg("engineers", 200), arg("instances", 3));
  console.log(process.argv.includes("--json") ? JSON.stringify(result) : result);
}
