/**
 * The promotion story's world: bob (IC1, manager dana, mentor carol) with everything IC1 → IC2 asks,
 * quarter by quarter, and what a packet test looks at.
 */
import { parseProfile } from "../../src/domain/career-repo.js";
import { type Delivery, issueClosed, prMerged, reviewSubmitted } from "./events.js";
import { CAREER, type Harness, harness } from "./harness.js";

export const BRANCH = "rungs/promotion/bob/IC2";
export const PACKET = "people/bob/promotions/IC2.md";

export const incident = (number: number, assignees: string[], closedAt: string): Delivery =>
  issueClosed({
    number,
    title: `Outage ${number}`,
    assignees,
    labels: ["incident"],
    createdAt: closedAt.replace(/T.*/, "T01:00:00Z"),
    closedAt,
  });

/** Everything IC1 → IC2 asks of bob in a quarter: five incidents, three teaching reviews of an intern's PRs, a spec launched. */
export const fullQuarter = (month: string, base: number, incidents = 5): Delivery[] => [
  ...[1, 2, 3, 4, 5]
    .slice(0, incidents)
    .map((k) => incident(base + k, ["bob"], `${month}-0${k + 1}T10:00:00Z`)),
  ...[6, 7, 8].map((k) =>
    reviewSubmitted({
      number: base + k,
      prAuthor: "alice",
      reviewer: "bob",
      state: "changes_requested",
      submittedAt: `${month}-1${k - 5}T10:00:00Z`,
      reviewId: base + k,
    }),
  ),
  prMerged({
    number: base + 9,
    author: "bob",
    title: "feat: checkout v2",
    labels: ["feature"],
    body: `Closes #${base + 10}`,
    createdAt: `${month}-20T09:00:00Z`,
    mergedAt: `${month}-20T15:00:00Z`,
  }),
  issueClosed({
    number: base + 10,
    title: "Spec: checkout v2",
    assignees: ["bob"],
    labels: ["spec"],
    createdAt: `${month}-01T09:00:00Z`,
    closedAt: `${month}-21T10:00:00Z`,
  }),
];

export const BOB =
  "---\nname: Bob Brown\nlevel: IC1\nmanager: dana\nmentor: carol\nsince: 2026-04-01\nhistory:\n  - { level: IC0, since: 2025-01-06 }\n---\nWeb team.\n";

export const story = async (files: Record<string, string | null> = {}) => {
  const h = await harness({ files: { "people/bob/profile.md": BOB, ...files } });
  for (const d of [
    ...fullQuarter("2026-05", 100),
    ...fullQuarter("2026-08", 200),
    ...fullQuarter("2026-11", 300),
  ])
    await h.deliver(d);
  return h;
};

export const packetPulls = (h: Harness, branch = BRANCH) =>
  h.sandbox.pulls(CAREER).filter((p) => p.head === branch);

/** The latest "Rungs readiness" run on a commit: what reviewers see. */
export const readiness = (h: Harness, sha: string) =>
  h.sandbox
    .checkRuns(CAREER)
    .filter((r) => r.name === "Rungs readiness" && r.headSha === sha)
    .at(-1);

export const profileOf = (h: Harness, login: string) => {
  const text = h.sandbox.readFile(CAREER, `people/${login}/profile.md`) ?? "";
  const parsed = parseProfile("profile.md", login, text);
  if (!parsed.ok) throw new Error(`profile does not parse: ${parsed.problems[0]?.message}`);
  return { text, profile: parsed.value };
};

export const credits = (h: Harness, login: string) =>
  (h.ledger(login)?.counted ?? []).flatMap((i) =>
    i.kind === "manual" && i.key.startsWith("promotion:") ? [i] : [],
  );
