import type { Probot } from "probot";
import { parseSettings, SETTINGS_PATH } from "../domain/career-repo.js";
import type { TextFile } from "../domain/ladder/load.js";
import { DEFAULT_WRITE_LIMITS } from "../domain/write-window.js";
import { eventTime } from "../sandbox/events/event-time.js";
import { type RequestLogEntry, Sandbox } from "../sandbox/index.js";
import { mulberry32 } from "../sandbox/prng.js";
import { SIMULATE_SIGNING_KEY } from "../signing-key.js";
import { MemoryCoordination } from "../store/coordination.js";
import { MemoryWriteBudget } from "../store/write-budget.js";
import { CONFIG_TTL_MS } from "../usecases/config-cache.js";
import type { AppDeps, Templates } from "../usecases/context.js";
import { deliveryLines, PackedLines } from "./deliveries.js";
import { type LogLine, probotAgainst } from "./probot.js";

export interface SimulationInput {
  careerFiles: readonly TextFile[];
  /**
   * JSON Lines, as text or already packed (`PackedLines.fromFile` never holds a whole file's text). Packed
   * lines are read once: the run lets each piece go as it passes it.
   */
  events: string | PackedLines;
  bundledLadder: readonly TextFile[];
  templates: Templates;
  seed?: number;
  logLevel?: "debug" | "info" | "warn" | "error";
  /** Called after each delivery with the requests the app made for it (benchmarks count them). */
  observe?: (
    delivery: { id: string; name: string; payload: Record<string, unknown> },
    requests: readonly RequestLogEntry[],
  ) => void;
}

export interface Failure {
  line: number;
  message: string;
}

/** A log line of the app, with the events file's line whose delivery it came from (none at start-up). */
export interface DeliveryLog {
  line: number | undefined;
  entry: LogLine;
}

export interface SimulationResult {
  sandbox: Sandbox;
  career: { owner: string; repo: string };
  delivered: number;
  failures: Failure[];
  logs: DeliveryLog[];
}

const messageOf = (e: unknown): string => {
  if (e instanceof AggregateError) return e.errors.map(messageOf).join("; ");
  if (e instanceof Error) return e.message.split("\n")[0] ?? e.message;
  return String(e);
};

const ownerOf = (payload: Record<string, unknown>): string | undefined => {
  const repo = payload.repository as { owner?: { login?: string } } | undefined;
  const org = payload.organization as { login?: string } | undefined;
  return repo?.owner?.login ?? org?.login;
};

/**
 * Deps for a deterministic run: the sandbox's clock, seeded jitter, and sleeps that do not wait: a sleep
 * moves the sandbox clock on instead (simulated time, so waiting out a write budget or retry-after ends).
 */
export const sandboxDeps = (
  sandbox: Sandbox,
  input: Pick<SimulationInput, "bundledLadder" | "templates" | "seed">,
): AppDeps => ({
  bundledLadder: input.bundledLadder,
  templates: input.templates,
  now: () => sandbox.clock.now(),
  random: mulberry32(input.seed ?? 1),
  sleep: async (ms) => {
    // Sleepers wait side by side: the clock reaches the latest wake-up, not the sum of every wait. What
    // is already on its way (a request let through a moment ago) arrives before the clock moves.
    const until = sandbox.clock.now() + Math.max(0, ms);
    await new Promise((resolve) => setImmediate(resolve));
    if (until > sandbox.clock.now()) sandbox.clock.set(until);
  },
  configTtlMs: CONFIG_TTL_MS,
  signingKey: SIMULATE_SIGNING_KEY,
  // One process: its memory is the store every "instance" of the run shares.
  coordination: new MemoryCoordination(() => sandbox.clock.now()),
});

/** Minutes of quiet after the stream in which a backlog of writes is drained. */
const DRAIN_ROUNDS = 120;

/**
 * A dry run of the real app: the sandbox builds its world from each delivery, in order, then the
 * delivery goes to the app through `probot.receive`. A bad line is reported and the run goes on.
 */
export const simulate = (input: SimulationInput): Promise<SimulationResult> => {
  // The events are held compressed, one piece decompressed at a time: a text given can be let go.
  const { events, ...rest } = input;
  return replay(rest, typeof events === "string" ? PackedLines.of([events]) : events);
};

const replay = async (
  input: Omit<SimulationInput, "events">,
  events: PackedLines,
): Promise<SimulationResult> => {
  // The first delivery names the owner and installation; the clock starts at the stream's first event, so
  // nothing depends on when the run happens. Lines are parsed as they are reached (here, only up to the
  // first delivery with a time): a long stream is never held parsed all at once.
  let firstPayload: Payload | undefined;
  let start: number | undefined;
  for (const l of deliveryLines(events.lines())) {
    if (!("delivery" in l)) continue;
    firstPayload ??= l.delivery.payload;
    start = eventTime(l.delivery.name, l.delivery.payload);
    if (start !== undefined) break;
  }
  firstPayload ??= {};
  const owner = ownerOf(firstPayload) ?? "acme";
  const installationId = Number((firstPayload.installation as { id?: number } | undefined)?.id ?? 1);
  const settingsFile = input.careerFiles.find((f) => f.path === SETTINGS_PATH);
  const settings = settingsFile ? parseSettings(SETTINGS_PATH, settingsFile.text) : undefined;
  const repo = settings?.ok ? settings.value.career_repo : "careers";

  const sandbox = new Sandbox({
    seed: input.seed ?? 1,
    installationId,
    account: owner,
    ...(start ? { now: start } : {}),
  });
  if (repo !== "careers") {
    // The app finds a career repo with another name through the organisation's settings, as on GitHub.
    sandbox.addRepo({
      owner,
      name: ".github",
      private: true,
      files: { ".github/rungs.yml": `career_repo: ${repo}\n` },
    });
  }
  sandbox.addRepo({
    owner,
    name: repo,
    private: true,
    files: Object.fromEntries(input.careerFiles.map((f) => [f.path, f.text])),
  });
  const raw: LogLine[] = [];
  // As in production, the app keeps its writes inside GitHub's content limits (docs/scale.md): a burst of
  // deliveries is batched rather than refused. What is still waiting when the stream ends is drained.
  const scheduled: (() => Promise<void>)[] = [];
  const deps: AppDeps = {
    ...sandboxDeps(sandbox, input),
    writeBudget: {
      budget: new MemoryWriteBudget(DEFAULT_WRITE_LIMITS),
      limits: DEFAULT_WRITE_LIMITS,
      maxWaitMs: 15 * 60_000,
      every: (_ms, task) => scheduled.push(task),
    },
  };
  const probot: Probot = await probotAgainst(sandbox.fetch, deps, {
    logs: raw,
    level: input.logLevel ?? "warn",
  });
  const logs: DeliveryLog[] = [];
  /**
   * Moves what the app logged to `logs` under `line`. When the delivery failed, Probot's error report of
   * that failure (an `err` carrying the whole event) is dropped: the failure is already one line.
   */
  const collect = (line: number | undefined, failed = false) => {
    for (const entry of raw.splice(0))
      if (!(failed && entry.level >= 50 && "err" in entry)) logs.push({ line, entry });
  };
  collect(undefined);

  const failures: Failure[] = [];
  let delivered = 0;
  for (const l of deliveryLines(events.drain())) {
    if ("error" in l) {
      failures.push({ line: l.line, message: l.error });
      continue;
    }
    const { id, name, files } = l.delivery;
    let payload: Payload;
    try {
      payload = onGoalIssue(sandbox, `${owner}/${repo}`, name, {
        installation: { id: installationId },
        ...l.delivery.payload,
      });
      sandbox.applyEvent(name, payload, files ?? undefined);
    } catch (e) {
      failures.push({ line: l.line, message: `${name}: ${messageOf(e)}` });
      continue;
    }
    try {
      const before = sandbox.requests.length;
      // The app's types are per event; a replayed line is any event GitHub can deliver.
      await probot.receive({ id, name, payload } as Parameters<Probot["receive"]>[0]);
      delivered++;
      collect(l.line);
      input.observe?.({ id, name, payload }, sandbox.requests.slice(before));
    } catch (e) {
      failures.push({ line: l.line, message: messageOf(e) });
      collect(l.line, true);
    }
  }
  for (let round = 0; round < DRAIN_ROUNDS && scheduled.length; round++) {
    const before = sandbox.requests.length;
    sandbox.clock.set(sandbox.clock.now() + 60_000);
    for (const task of scheduled) await task();
    if (sandbox.requests.length === before) break;
  }
  collect(undefined);
  return { sandbox, career: { owner, repo }, delivered, failures, logs };
};

type Payload = Record<string, unknown>;
const isRecord = (v: unknown): v is Payload => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A scenario cannot know the number Rungs will give a goal issue: an `issue_comment` (or `issues`)
 * delivery whose `issue.number` is 0 and whose `issue.body` is a goal-issue marker
 * (`<!-- rungs:goal-issue login=carol quarter=2026-Q4 -->`) is on that goal issue as it then stands.
 */
const onGoalIssue = (sandbox: Sandbox, career: string, name: string, payload: Payload): Payload => {
  const issue = payload.issue;
  if ((name !== "issue_comment" && name !== "issues") || !isRecord(issue) || issue.number !== 0)
    return payload;
  const marker = typeof issue.body === "string" ? issue.body.split("\n", 1)[0]?.trim() : undefined;
  const found = sandbox.issues(career).find((i) => marker && i.body.split("\n", 1)[0]?.trim() === marker);
  if (!found) throw new Error(`no goal issue with the marker ${marker ?? "(none)"} yet`);
  const html = `https://github.com/${career}/issues/${found.number}`;
  const comment = isRecord(payload.comment) ? payload.comment : undefined;
  return {
    ...payload,
    issue: {
      ...issue,
      number: found.number,
      title: found.title,
      body: found.body,
      labels: found.labels.map((label, k) => ({ id: k + 1, name: label, color: "ededed", default: false })),
      assignees: found.assignees.map((login) => ({ login, type: "User" })),
      html_url: html,
    },
    ...(comment && typeof comment.id === "number"
      ? { comment: { ...comment, html_url: `${html}#issuecomment-${comment.id}` } }
      : {}),
  };
};
