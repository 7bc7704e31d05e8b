import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { SHARD_MAX_ITEMS, serializeShard } from "../../src/domain/ledger.js";
import { signer } from "../../src/domain/signature.js";
import { SIMULATE_SIGNING_KEY } from "../../src/signing-key.js";
import { featureMerged } from "../support/events.js";
import { CAREER, harness } from "../support/harness.js";

const day = (n: number) => new Date(Date.UTC(2026, 9, 1) + n * 86_400_000).toISOString().slice(0, 10);

const signed = signer(SIMULATE_SIGNING_KEY);

/** A review as the app would have recorded it (signed for alice's 2026-Q4 ledger). */
const review = (i: number, on: string): EvidenceItem =>
  signed.sign(
    {
      kind: "review",
      key: `PR_acme_api_${i}:review:alice`,
      at: `${on}T10:${String(i % 60).padStart(2, "0")}:00Z`,
      title: `A change with a reasonably long and descriptive title, number ${i}`,
      url: `https://github.com/acme/api/pull/${i}#pullrequestreview-${i}`,
      provenance: { source: "observed", recorded_at: `${on}T11:00:00Z` },
      repo: "acme/api",
      number: i,
      state: "APPROVED",
      pr_author: "bob",
      pr_author_level: "IC1",
      teaching: false,
    },
    "alice",
    "2026-Q4",
  );

/** A heavy reviewer's quarter: `total` items spread over `days` days, `perDay` at most on each. */
const quarterOf = (total: number, days: number): Record<string, string> => {
  const byDay = new Map<string, EvidenceItem[]>();
  for (let i = 0; i < total; i++) {
    const on = day(i % days);
    byDay.set(on, [...(byDay.get(on) ?? []), review(i, on)]);
  }
  return Object.fromEntries(
    [...byDay].map(([on, items]) => [
      `people/alice/evidence/2026-Q4/${on}.yml`,
      serializeShard({ login: "alice", quarter: "2026-Q4", items }, on),
    ]),
  );
};

describe("a ledger at volume", () => {
  it("stays far below GitHub's 1 MB limit with 2,000 items, and one event writes only its day's shard", async () => {
    const h = await harness({ files: quarterOf(1_999, 65) });
    await h.deliver(featureMerged(1, { mergedAt: `${day(4)}T15:00:00Z` }));
    const files = h.sandbox.files(CAREER);
    const ledger = Object.entries(files).filter(([p]) => p.startsWith("people/alice/evidence/"));
    const largest = Math.max(...ledger.map(([, text]) => Buffer.byteLength(text)));
    expect(largest).toBeLessThan(32 * 1024);
    expect(h.ledger("alice")?.items).toHaveLength(2_000);
    const puts = h.sandbox.requests.filter((r) => r.route === "PUT /repos/{owner}/{repo}/contents/{path}");
    expect(puts.map((r) => decodeURIComponent(r.url.split("/contents/")[1] ?? ""))).toEqual([
      `people/alice/evidence/2026-Q4/${day(4)}.yml`,
      "people/alice/evidence/2026-Q4.yml",
      "people/alice/evidence/2026-Q4.yml",
    ]);
    const [issue] = h.goalIssues("alice");
    expect(issue?.body.length).toBeLessThanOrEqual(65_536);
    expect(issue?.body).toContain("2000 items; the newest");
  });

  it("opens the next shard of a day once a shard is full", async () => {
    const h = await harness({ files: quarterOf(SHARD_MAX_ITEMS, 1) });
    await h.deliver(featureMerged(1, { mergedAt: `${day(0)}T15:00:00Z` }));
    const shards = Object.keys(h.sandbox.files(CAREER)).filter((p) =>
      p.startsWith("people/alice/evidence/2026-Q4/"),
    );
    expect(shards.sort()).toEqual([
      `people/alice/evidence/2026-Q4/${day(0)}-2.yml`,
      `people/alice/evidence/2026-Q4/${day(0)}.yml`,
    ]);
    expect(h.sandbox.readFile(CAREER, `people/alice/evidence/2026-Q4/${day(0)}-2.yml`)).toContain(
      "PR_acme_web_1",
    );
    expect(h.ledger("alice")?.items).toHaveLength(SHARD_MAX_ITEMS + 1);
  });
});
