/**
 * Generates examples/events/quarter.jsonl: a quarter (2026-Q4) of webhook deliveries for the sample
 * career repo, built from GitHub's published example payloads. Run: npx tsx scripts/make-demo-events.ts
 */
import { writeFileSync } from "node:fs";
import { evidenceRef } from "../src/domain/evidence.js";
import { claimKey } from "../src/domain/goal-commands.js";
import { goalIssueMarker } from "../src/domain/goal-issue.js";
import {
  commentCreated,
  type Delivery,
  issueClosed,
  prClosedUnmerged,
  prMerged,
  prOpened,
  prSynchronize,
  push,
  reviewSubmitted,
} from "../test/support/events.js";

const at = (month: number, day: number, hour = 10, minute = 0) =>
  new Date(Date.UTC(2026, month - 1, day, hour, minute)).toISOString();
const events: { at: string; d: Delivery }[] = [];
const add = (time: string, d: Delivery) => events.push({ at: time, d });
let reviewId = 9000;
const sha = (n: number) => n.toString(16).padStart(40, "a");

// Alice, IC0 intern: twelve small features over the quarter; Bob mentors her through reviews.
for (let k = 0; k < 12; k++) {
  const number = 100 + k;
  const day = 2 + k * 7;
  const month = 10 + Math.floor((day - 1) / 31);
  const d = ((day - 1) % 31) + 1;
  const spec = {
    repo: "web",
    number,
    author: "alice",
    title: `feat: profile form step ${k + 1}`,
    labels: ["feature"],
    additions: 60 + k * 5,
    deletions: 12,
    createdAt: at(month, d, 9),
  };
  add(at(month, d, 9), prOpened(spec));
  const rounds = k < 4 ? 3 : k < 8 ? 2 : 1;
  let head: string | undefined;
  for (let r = 1; r <= rounds; r++) {
    const last = r === rounds;
    add(
      at(month, d, 9 + r * 2),
      reviewSubmitted({
        repo: "web",
        number,
        prAuthor: "alice",
        prTitle: spec.title,
        reviewer: "bob",
        state: last ? "approved" : "changes_requested",
        submittedAt: at(month, d, 9 + r * 2),
        reviewId: reviewId++,
        ...(head ? { headSha: head } : {}),
      }),
    );
    if (!last) {
      head = sha(number * 10 + r);
      add(at(month, d, 10 + r * 2), prSynchronize({ ...spec, at: at(month, d, 10 + r * 2), after: head }));
    }
  }
  add(
    at(month, d, 18),
    prMerged({ ...spec, mergedAt: at(month, d, 18), ...(head ? { headSha: head } : {}) }),
  );
}

// Alice writes a learning note in nine weeks of the quarter.
for (let w = 0; w < 9; w++) {
  const day = 5 + w * 7;
  const month = 10 + Math.floor((day - 1) / 31);
  const d = ((day - 1) % 31) + 1;
  const path = `people/alice/learning/week-${w + 1}.md`;
  add(
    at(month, d, 16),
    push({
      pusher: "alice",
      at: at(month, d, 16),
      after: sha(5000 + w),
      files: {
        [path]: `# Week ${w + 1}\n\nWhat I learned about ${["indexes", "caching", "React state", "HTTP caching", "SQL joins", "feature flags", "tracing", "retries", "accessibility"][w]}, how it works underneath, and where our code gets it wrong.\n`,
      },
    }),
  );
}

// Bob, IC1: on-call incidents (one escalated), a feature owned from spec to launch.
for (let k = 0; k < 6; k++) {
  const day = 6 + k * 12;
  const month = 10 + Math.floor((day - 1) / 31);
  const d = ((day - 1) % 31) + 1;
  add(
    at(month, d, 14),
    issueClosed({
      repo: "api",
      number: 40 + k,
      title: `Checkout latency spike #${k + 1}`,
      assignees: ["bob"],
      labels: k === 2 ? ["incident", "escalated"] : ["incident"],
      createdAt: at(month, d, 3),
      closedAt: at(month, d, 14),
    }),
  );
}
const spec = {
  repo: "api",
  number: 60,
  author: "bob",
  title: "feat: notification service",
  labels: ["feature"],
  additions: 420,
  deletions: 30,
  createdAt: at(11, 3),
  body: "Closes #59",
};
add(at(11, 3), prOpened(spec));
add(
  at(11, 4),
  reviewSubmitted({
    repo: "api",
    number: 60,
    prAuthor: "bob",
    prTitle: spec.title,
    reviewer: "carol",
    state: "approved",
    submittedAt: at(11, 4),
    reviewId: reviewId++,
  }),
);
add(at(11, 5), prMerged({ ...spec, mergedAt: at(11, 5) }));
add(
  at(11, 6),
  issueClosed({
    repo: "api",
    number: 59,
    title: "Spec: notifications",
    assignees: ["bob"],
    labels: ["spec"],
    createdAt: at(10, 1),
    closedAt: at(11, 6),
  }),
);

// Carol, IC2: an architecture decision record and reviews.
const adr = {
  repo: "api",
  number: 70,
  author: "carol",
  title: "docs: ADR 7, event sourcing for orders",
  labels: ["adr"],
  additions: 120,
  deletions: 0,
  createdAt: at(11, 10),
};
add(at(11, 10), prOpened(adr));
add(
  at(11, 11),
  reviewSubmitted({
    repo: "api",
    number: 70,
    prAuthor: "carol",
    prTitle: adr.title,
    reviewer: "bob",
    state: "approved",
    submittedAt: at(11, 11),
    reviewId: reviewId++,
  }),
);
add(at(11, 12), prMerged({ ...adr, mergedAt: at(11, 12) }));

// Noise Rungs must ignore: a bot's PR, a PR closed without merging, an AI review, and a redelivery.
const bot = {
  repo: "web",
  number: 300,
  author: "dependabot[bot]",
  authorType: "Bot",
  title: "chore(deps): bump left-pad",
  additions: 2,
  deletions: 2,
  createdAt: at(10, 20),
};
add(at(10, 20), prMerged({ ...bot, mergedAt: at(10, 21) }));
add(
  at(10, 22),
  prClosedUnmerged({
    repo: "web",
    number: 301,
    author: "alice",
    title: "feat: abandoned idea",
    createdAt: at(10, 22, 8),
    closedAt: at(10, 22),
  }),
);
add(
  at(10, 23),
  reviewSubmitted({
    repo: "web",
    number: 100,
    prAuthor: "alice",
    reviewer: "copilot-pull-request-reviewer[bot]",
    reviewerType: "Bot",
    state: "commented",
    submittedAt: at(10, 23),
    reviewId: reviewId++,
  }),
);
const first = events.find(
  (e) =>
    e.d.name === "pull_request" && e.d.payload.action === "closed" && e.d.id.startsWith("merged-web-100"),
);
if (first) add(at(12, 20), first.d);

// A conversation on Carol's goal issue (rungs simulate resolves issue number 0 from the marker): she
// claims evidence for a criterion people judge and picks her focus; Dana, her manager, confirms the claim
// and takes a pairing PR out of the count; someone without a role is answered politely.
const carolsIssue = { number: 0, body: goalIssueMarker("carol", "2026-Q4"), labels: ["rungs: goals"] };
const bobsIssue = { number: 0, body: goalIssueMarker("bob", "2026-Q4"), labels: ["rungs: goals"] };
const impact = "https://docs.acme.example/checkout-latency-results";
const claimComment = 700001;
const conversation: [string, number, string, string][] = [
  [
    at(11, 16, 9),
    claimComment,
    "carol",
    [
      "Adding the checkout latency project; the results doc has the before/after dashboards.",
      "",
      `/evidence metric-impact-project ${impact} checkout p95 down 30%`,
      "/focus metric-impact-project product-influence",
    ].join("\n"),
  ],
  [
    at(11, 16, 14),
    700002,
    "dana",
    [
      "Confirmed, great work.",
      `/confirm ${evidenceRef({ key: claimKey(claimComment, "metric-impact-project", impact) })}`,
      "/exclude https://github.com/acme/api/pull/70 pairing credit: the ADR is mostly Bob's",
    ].join("\n"),
  ],
  [at(11, 17, 10), 700003, "mallory", "/confirm abc123"],
  [at(11, 17, 11), 700004, "carol", "/rungs help"],
];
// Dana asks for Bob's promotion packet: a pull request in the career repo with his evidence and a
// readiness check (neutral: one quarter of data is not yet the two the readiness rule needs).
conversation.push([
  at(12, 18, 10),
  700005,
  "dana",
  "Let's start Bob's packet so we can see what is missing.\n\n/promote",
]);
for (const [time, commentId, author, body] of conversation)
  add(
    time,
    commentCreated({
      issue: commentId === 700005 ? bobsIssue : carolsIssue,
      commentId,
      author,
      body,
      createdAt: time,
    }),
  );

const sorted = events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
writeFileSync("examples/events/quarter.jsonl", `${sorted.map((e) => JSON.stringify(e.d)).join("\n")}\n`);
console.log(`wrote examples/events/quarter.jsonl: ${sorted.length} deliveries`);
