import type { Probot } from "probot";
import { expect, onTestFinished } from "vitest";
import { bundledLadder, readTree } from "../../src/cli/files.js";
import { loadTemplates } from "../../src/deps.js";
import { loadPerson } from "../../src/domain/career-repo.js";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { loadLadder } from "../../src/domain/ladder/load.js";
import { signer } from "../../src/domain/signature.js";
import { DEFAULT_WRITE_LIMITS } from "../../src/domain/write-window.js";
import { Sandbox } from "../../src/sandbox/index.js";
import { SIMULATE_SIGNING_KEY } from "../../src/signing-key.js";
import { type LogLine, probotAgainst } from "../../src/simulate/probot.js";
import { sandboxDeps } from "../../src/simulate/run.js";
import { MemoryWriteBudget } from "../../src/store/write-budget.js";
import type { AppDeps } from "../../src/usecases/context.js";
import { type Delivery, INSTALLATION_ID } from "./events.js";

export const CAREER = "acme/careers";

export interface HarnessOptions {
  /** Files laid over the sample career repo (null deletes). */
  files?: Record<string, string | null>;
  instances?: number;
  private?: boolean;
  /** Real (short) sleeps between write retries, for concurrency tests. */
  realSleeps?: boolean;
  seed?: number;
  /** Wraps the in-memory GitHub's fetch for the app (e.g. to lose a response after the write landed). */
  wrapFetch?: (fetch: typeof globalThis.fetch) => typeof globalThis.fetch;
  /**
   * The app's write budget (usecases/coalesce.ts), on by default as in production, shared by every
   * instance; `false` turns it off. The in-memory GitHub enforces GitHub's content limits either way.
   */
  writeBudget?: boolean;
  /**
   * What the instances share besides the budget (store/coordination.ts: config generations, person
   * leases): "shared" (default) as with REDIS_URL in production; "none" runs them without a store.
   */
  store?: "shared" | "none";
}

/** The real app on real Probot instances, against one in-memory GitHub holding the sample career repo. */
export const harness = async (opts: HarnessOptions = {}) => {
  const sandbox = new Sandbox({
    seed: opts.seed ?? 7,
    installationId: INSTALLATION_ID,
    account: "acme",
    now: Date.UTC(2026, 9, 1),
  });
  const files: Record<string, string> = Object.fromEntries(
    readTree("examples/career-repo").map((f) => [f.path, f.text]),
  );
  for (const [path, text] of Object.entries(opts.files ?? {})) {
    if (text === null) delete files[path];
    else files[path] = text;
  }
  sandbox.addRepo({ owner: "acme", name: "careers", private: opts.private ?? true, files });
  const logs: LogLine[] = [];
  const base = sandboxDeps(sandbox, {
    bundledLadder: bundledLadder(),
    templates: loadTemplates(),
    seed: opts.seed ?? 7,
  });
  // Scheduled work of each instance (the backlog's drain), run by `tick`; a killed instance's stops.
  const scheduled = new Map<number, (() => Promise<void>)[]>();
  const budget = new MemoryWriteBudget(DEFAULT_WRITE_LIMITS);
  const writeBudget = (instance: number): AppDeps["writeBudget"] =>
    opts.writeBudget === false
      ? undefined
      : {
          budget,
          limits: DEFAULT_WRITE_LIMITS,
          maxWaitMs: 15 * 60_000,
          every: (_ms, task) => scheduled.set(instance, [...(scheduled.get(instance) ?? []), task]),
        };
  const { coordination, ...withoutStore } = base;
  const deps: AppDeps = {
    ...(opts.store === "none" ? withoutStore : { ...withoutStore, coordination }),
    ...(opts.realSleeps
      ? {
          // Real (short) waits for races, and the sandbox clock moves on as much as the app meant to wait.
          sleep: async (ms: number) => {
            const until = sandbox.clock.now() + Math.max(0, ms);
            await new Promise<void>((r) => setTimeout(r, Math.min(ms, 200)));
            if (until > sandbox.clock.now()) sandbox.clock.set(until);
          },
        }
      : {}),
  };

  /** Lets `ms` of simulated time pass and runs the app's scheduled work (the write backlog drains). */
  const tick = async (ms = 60_000) => {
    sandbox.clock.advance(ms);
    for (const tasks of scheduled.values()) for (const task of tasks) await task();
  };

  /** The instance's process dies: it gets no more deliveries, and whatever it held in memory is gone. */
  const kill = (instance: number) => {
    scheduled.delete(instance);
    killed.add(instance);
  };
  const probots: Probot[] = [];
  const killed = new Set<number>();
  for (let i = 0; i < (opts.instances ?? 1); i++) {
    const own = writeBudget(i);
    probots.push(
      await probotAgainst(
        opts.wrapFetch ? opts.wrapFetch(sandbox.fetch) : sandbox.fetch,
        own ? { ...deps, writeBudget: own } : deps,
        { logs, level: "debug" },
      ),
    );
  }

  /** GitHub's side first (the world the event describes), then the delivery to an app instance. */
  const deliver = async (d: Delivery, instance = 0) => {
    sandbox.applyEvent(d.name, d.payload, d.files);
    const probot = probots[instance];
    if (!probot || killed.has(instance)) throw new Error(`harness: instance ${instance} is not running`);
    await probot.receive({ id: d.id, name: d.name, payload: d.payload } as Parameters<Probot["receive"]>[0]);
  };

  const ladder = loadLadder(bundledLadder());
  if (!ladder.ok) throw new Error("bundled ladder does not load");
  /** A person's quarter as recorded: the goal issue from the head, the items from head and shards. */
  const ledger = (
    login: string,
    quarter = "2026-Q4",
  ): { goal_issue: number | null; items: EvidenceItem[]; counted: EvidenceItem[] } | undefined => {
    const prefix = `people/${login}/evidence/${quarter}`;
    const files = Object.entries(sandbox.files(CAREER))
      .filter(([path]) => path === `${prefix}.yml` || path.startsWith(`${prefix}/`))
      .map(([path, text]) => ({ path, text, sha: "sandbox" }));
    if (files.length === 0) return undefined;
    const person = loadPerson(ladder.value, login, files, signer(SIMULATE_SIGNING_KEY));
    if (person.problems.length) throw new Error(`ledger does not parse: ${person.problems[0]?.message}`);
    const q = person.ledgers.get(quarter);
    const head = q?.head.parsed?.ok ? q.head.parsed.value : undefined;
    return { goal_issue: head?.goal_issue ?? null, items: q?.all ?? [], counted: q?.items ?? [] };
  };

  const goalIssues = (login?: string) =>
    sandbox
      .issues(CAREER)
      .filter((i) => i.labels.includes("rungs: goals") && (!login || i.assignees.includes(login)));

  /** Everything a user could see: career-repo files and every issue of it. */
  const state = () => ({
    files: sandbox.files(CAREER),
    issues: sandbox.issues(CAREER).map((i) => ({
      number: i.number,
      title: i.title,
      body: i.body,
      state: i.state,
      labels: i.labels,
      assignees: i.assignees,
      comments: i.comments.map((c) => c.body),
    })),
  });

  const mutationsOutsideCareer = () =>
    sandbox.requests.filter((r) => r.mutating && r.repo?.toLowerCase() !== CAREER);

  const debugReasons = () => logs.filter((l) => l.msg === "ignored").map((l) => String(l.reason));

  // The write fence, for every app test: unless a test turns tagging on, nothing is written outside the career repo.
  if (!/tagging:\s*true/.test(opts.files?.[".github/rungs.yml"] ?? "")) {
    onTestFinished(() => expect(mutationsOutsideCareer()).toEqual([]));
  }

  return {
    sandbox,
    probots,
    deliver,
    tick,
    kill,
    ledger,
    goalIssues,
    state,
    logs,
    mutationsOutsideCareer,
    debugReasons,
  };
};
export type Harness = Awaited<ReturnType<typeof harness>>;
