/**
 * A quarter of an organisation's webhook deliveries, shaped like examples/events/quarter.jsonl but for
 * many engineers: each pull request is opened, sometimes pushed to again, reviewed by a teammate (now and
 * then changes are requested first) and merged; some issues are closed as completed; engineers push
 * learning notes to the career repo and tick their focus on the goal issue with a comment. Seeded, so the
 * same arguments give the same stream; deliveries are in time order (the in-memory GitHub's clock only
 * moves forward).
 */
import { readTree } from "../src/cli/files.js";
import { mulberry32 } from "../src/sandbox/prng.js";
import {
  commentCreated,
  type Delivery,
  issueClosed,
  prMerged,
  prOpened,
  prSynchronize,
  push,
  reviewSubmitted,
  shaFor,
} from "../test/support/events.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** Monday to Friday of 2026-Q4, at midnight UTC. */
const workdays = (): number[] => {
  const days: number[] = [];
  for (let t = Date.UTC(2026, 9, 1); t < Date.UTC(2027, 0, 1); t += DAY) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(t);
  }
  return days;
};

export const engineerLogin = (i: number) => `eng${String(i + 1).padStart(4, "0")}`;

/** The sample career repo plus an IC1 profile (managed by dana) for each generated engineer. */
export const careerFilesFor = (engineers: number): Record<string, string> => {
  const files: Record<string, string> = Object.fromEntries(
    readTree("examples/career-repo").map((f) => [f.path, f.text]),
  );
  for (let e = 0; e < engineers; e++) {
    const login = engineerLogin(e);
    files[`people/${login}/profile.md`] =
      `---\nname: Engineer ${e + 1}\nlevel: IC1\nmanager: dana\nsince: 2025-10-01\n---\n`;
  }
  return files;
};

export interface StreamSpec {
  engineers: number;
  prsPerEngineer: number;
  seed?: number;
}

export interface Stream {
  deliveries: Delivery[];
  mergedPrs: number;
}

const REPOS = ["web", "api", "mobile", "infra"];
const TOPICS = ["indexes", "caching", "tracing", "retries", "feature flags", "SQL joins", "accessibility"];

export const quarterStream = ({ engineers, prsPerEngineer, seed = 7 }: StreamSpec): Stream => {
  const random = mulberry32(seed);
  const days = workdays();
  const timed: { at: number; order: number; delivery: Delivery }[] = [];
  const add = (at: number, delivery: Delivery) => timed.push({ at, order: timed.length, delivery });
  const numbers = new Map<string, number>();
  const next = (repo: string) => {
    const n = (numbers.get(repo) ?? 1000) + 1;
    numbers.set(repo, n);
    return n;
  };
  let reviewId = 800_000;
  let commentId = 900_000;
  let merged = 0;
  for (let e = 0; e < engineers; e++) {
    const author = engineerLogin(e);
    // Teams of six; a reviewer is a teammate.
    const team = Math.floor(e / 6) * 6;
    const teamSize = Math.min(6, engineers - team);
    const teammate = () => {
      if (teamSize < 2) return "dana";
      const k = (e - team + 1 + Math.floor(random() * (teamSize - 1))) % teamSize;
      return engineerLogin(team + k);
    };
    const repo = REPOS[e % REPOS.length] as string;
    let firstMerge = Number.POSITIVE_INFINITY;
    for (let k = 0; k < prsPerEngineer; k++) {
      const day = days[Math.floor(((k + random()) / prsPerEngineer) * (days.length - 1))] as number;
      const created = day + 8 * HOUR + Math.floor(random() * 6 * HOUR);
      const number = next(repo);
      const title = `feat: ${author} change ${k + 1}`;
      const pr = {
        repo,
        number,
        author,
        title,
        labels: ["feature"],
        createdAt: iso(created),
        additions: 20 + Math.floor(random() * 300),
      };
      add(created, prOpened(pr));
      let head = shaFor(`${repo}#${number}`);
      let at = created;
      if (random() < 0.5) {
        at += HOUR + Math.floor(random() * 2 * HOUR);
        head = shaFor(`${repo}#${number}@2`);
        add(at, prSynchronize({ ...pr, at: iso(at), after: head, headSha: head }));
      }
      const reviewer = teammate();
      /** The reviewer's review, now, of the head as it stands. */
      const review = (state: "approved" | "changes_requested") =>
        reviewSubmitted({
          repo,
          number,
          prAuthor: author,
          prTitle: title,
          reviewer,
          state,
          submittedAt: iso(at),
          reviewId: ++reviewId,
          headSha: head,
        });
      if (random() < 0.3) {
        at += HOUR;
        add(at, review("changes_requested"));
        at += HOUR;
        head = shaFor(`${repo}#${number}@3`);
        add(at, prSynchronize({ ...pr, at: iso(at), after: head, headSha: head }));
      }
      at += HOUR + Math.floor(random() * HOUR);
      add(at, review("approved"));
      at += 30 * 60_000 + Math.floor(random() * HOUR);
      add(at, prMerged({ ...pr, mergedAt: iso(at), headSha: head }));
      merged++;
      firstMerge = Math.min(firstMerge, at);
      if (k % 4 === 3) {
        const closed = at + 10 * 60_000;
        const issue = 50_000 + number;
        add(
          closed,
          issueClosed({
            repo,
            number: issue,
            title: `bug: ${author} issue ${k + 1}`,
            assignees: [author],
            labels: ["bug"],
            createdAt: iso(closed - 3 * DAY),
            closedAt: iso(closed),
          }),
        );
      }
    }
    // A learning note every three weeks, pushed to the career repo.
    for (let w = 0; w < 4; w++) {
      const at = (days[Math.min(days.length - 1, 3 + w * 15 + (e % 5))] as number) + 17 * HOUR + e * 1000;
      const topic = TOPICS[(e + w) % TOPICS.length] as string;
      const path = `people/${author}/learning/week-${w * 3 + 1}.md`;
      const after = shaFor(`${author}-note-${w}`);
      add(
        at,
        push({
          id: `push-${author}-${w}`,
          pusher: author,
          at: iso(at),
          after,
          files: {
            [path]: `# Week ${w * 3 + 1}\n\nWhat I learned about ${topic}, how it works underneath, and where our code gets it wrong.\n`,
          },
        }),
      );
    }
    // Once the goal issue exists (after the first merge), the engineer picks a focus on it.
    if (Number.isFinite(firstMerge)) {
      const at = firstMerge + 2 * HOUR;
      add(
        at,
        commentCreated({
          issue: {
            number: 0,
            body: `<!-- rungs:goal-issue login=${author} quarter=2026-Q4 -->`,
            labels: [],
          },
          commentId: ++commentId,
          author,
          body: "Picking my focus for the quarter.\n/focus feature-spec-to-launch",
          createdAt: iso(at),
        }),
      );
    }
  }
  timed.sort((a, b) => a.at - b.at || a.order - b.order);
  return { deliveries: timed.map((t) => t.delivery), mergedPrs: merged };
};

export const toJsonl = (deliveries: readonly Delivery[]): string =>
  `${deliveries.map((d) => JSON.stringify(d)).join("\n")}\n`;
