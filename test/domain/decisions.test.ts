import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { partitionByTrust } from "../../src/domain/ledger.js";
import { signer, trustOf } from "../../src/domain/signature.js";
import { manual, pr } from "./fixtures.js";

const s = signer("k");
const owner = { login: "alice", quarter: "2026-Q4" };
const signed = (i: EvidenceItem) => s.sign(i, "alice", "2026-Q4");
const decision = { by: "dana", at: "2026-11-02T10:00:00Z", reason: "a revert of #6", url: "https://x/c/1" };

describe("decisions people record about evidence", () => {
  it.each<[string, EvidenceItem, ReturnType<typeof trustOf>]>([
    ["an observed item the app excluded", signed(pr({ excluded: decision })), "excluded"],
    [
      "an exclusion typed by hand is no decision (and no signature)",
      pr({ excluded: decision }),
      "unverified",
    ],
    [
      "an exclusion added to a signed item afterwards breaks its signature",
      { ...signed(pr()), excluded: decision },
      "unverified",
    ],
    ["a claim the app recorded as rejected", signed(manual("c", { rejected: decision })), "rejected"],
    ["a rejection typed by hand leaves a claim", manual("c", { rejected: decision }), "claimed"],
    ["a confirmed claim", signed(manual("c", { confirmed: decision })), "counted"],
    [
      "a confirmed claim that was later excluded",
      signed(manual("c", { confirmed: decision, excluded: decision })),
      "excluded",
    ],
    ["a claim, confirmed by hand", manual("c", { confirmed: decision }), "claimed"],
  ])("%s", (_name, item, trust) => {
    expect(trustOf(item, "alice", "2026-Q4", s)).toBe(trust);
  });

  it("sorts a quarter's items into counted, excluded and rejected, and hides typed copies of decided keys", () => {
    const kept = signed(pr({ key: "PR_1" }));
    const out = signed(pr({ key: "PR_2", excluded: decision }));
    const no = signed(manual("c", { key: "M_1", rejected: decision }));
    const copy = pr({ key: "PR_2" });
    const p = partitionByTrust([kept, out, no, copy], owner, s);
    expect(p.items.map((i) => i.key)).toEqual(["PR_1"]);
    expect(p.excluded.map((i) => i.key)).toEqual(["PR_2"]);
    expect(p.rejected.map((i) => i.key)).toEqual(["M_1"]);
    expect(p.unverified).toEqual([]);
    expect(p.claimed).toEqual([]);
  });
});
