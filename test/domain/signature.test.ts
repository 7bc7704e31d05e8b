/**
 * Signed evidence (src/domain/signature.ts): an item counts only as the app wrote it, in the ledger
 * it wrote it to. Every row is one way of getting an item into a ledger, and whether it verifies.
 */
import { describe, expect, it } from "vitest";
import type { EvidenceItem } from "../../src/domain/evidence.js";
import { signer, type Trust, trustOf } from "../../src/domain/signature.js";
import { issue, manual, note, pr, review } from "./fixtures.js";

const KEY = "test-key";
const s = signer(KEY);
const Q = "2026-Q4";

const basePr = pr({
  key: "PR_sig",
  url: "https://github.com/acme/web/pull/1",
  labels: ["feature"],
  closes: ["I_1"],
});
const signedPr = s.sign(basePr, "alice", Q);

/** An edit of the signed item, keeping its signature. */
type Edit = (i: EvidenceItem) => EvidenceItem;
const edit =
  (over: Record<string, unknown>): Edit =>
  (i) =>
    ({ ...i, ...over }) as EvidenceItem;
const editProvenance =
  (over: Record<string, unknown>): Edit =>
  (i) =>
    ({ ...i, provenance: { ...i.provenance, ...over } }) as EvidenceItem;

describe("signer: a signature binds the item, the person and the quarter", () => {
  it("verifies what it signed, for that person and quarter", () => {
    expect(signedPr.provenance.sig).toMatch(/^[\w-]{43}$/);
    expect(s.verify(signedPr, "alice", Q)).toBe(true);
  });

  it("remembers a check for one person and quarter only: the same item object is checked again for another", () => {
    const one = signer(KEY);
    // Verified first where it belongs, then the very same object seen in other ledgers.
    expect(one.verify(signedPr, "alice", Q)).toBe(true);
    expect(one.verify(signedPr, "bob", Q)).toBe(false);
    expect(one.verify(signedPr, "alice", "2026-Q3")).toBe(false);
    expect(one.verify(signedPr, "ALICE", Q)).toBe(true);
    // And the other way round: a failed check does not stick where the item does belong.
    const other = signer(KEY);
    expect(other.verify(signedPr, "bob", Q)).toBe(false);
    expect(other.verify(signedPr, "alice", Q)).toBe(true);
  });

  it("signing leaves the item otherwise as it was", () => {
    const { sig: _sig, ...provenance } = signedPr.provenance;
    expect({ ...signedPr, provenance }).toEqual(basePr);
  });

  it("is deterministic, and re-signing a signed item gives the same signature", () => {
    expect(s.sign(basePr, "alice", Q)).toEqual(signedPr);
    expect(s.sign(signedPr, "alice", Q)).toEqual(signedPr);
  });

  it.each<[string, string, string, string, boolean]>([
    ["the same login and quarter", "alice", Q, KEY, true],
    ["the login in another case (GitHub logins are case-insensitive)", "ALICE", Q, KEY, true],
    ["the login in mixed case", "Alice", Q, KEY, true],
    ["copied into another person's ledger", "bob", Q, KEY, false],
    ["a login that only starts the same", "alic", Q, KEY, false],
    ["copied into another quarter's ledger", "alice", "2026-Q3", KEY, false],
    ["copied into the same quarter of another year", "alice", "2025-Q4", KEY, false],
    ["checked with a different key", "alice", Q, "other-key", false],
    ["checked with an empty key", "alice", Q, "", false],
  ])("%s → %s", (_name, login, quarter, key, ok) => {
    expect(signer(key).verify(signedPr, login, quarter)).toBe(ok);
  });

  it.each<[string, Edit]>([
    ["no signature", editProvenance({ sig: undefined })],
    ["an empty signature", editProvenance({ sig: "" })],
    ["a signature one character off", editProvenance({ sig: `${signedPr.provenance.sig?.slice(0, -1)}A` })],
    ["a signature cut short", editProvenance({ sig: signedPr.provenance.sig?.slice(0, 20) })],
    ["a signature too long", editProvenance({ sig: `${signedPr.provenance.sig}A` })],
    [
      "another item's signature",
      editProvenance({ sig: s.sign(pr({ key: "PR_other" }), "alice", Q).provenance.sig }),
    ],
    ["key", edit({ key: "PR_sig2" })],
    ["at", edit({ at: "2026-10-03T12:00:00.000Z" })],
    ["title", edit({ title: "feat: a thing!" })],
    ["url", edit({ url: "https://github.com/acme/web/pull/2" })],
    ["url removed", edit({ url: undefined })],
    ["repo", edit({ repo: "acme/api" })],
    ["number", edit({ number: 2 })],
    ["labels", edit({ labels: ["feature", "big"] })],
    ["labels emptied", edit({ labels: [] })],
    ["additions", edit({ additions: 11 })],
    ["deletions", edit({ deletions: 3 })],
    ["changed_files", edit({ changed_files: 2 })],
    ["class", edit({ class: "bugfix" })],
    ["small", edit({ small: false })],
    ["review_rounds", edit({ review_rounds: 0 })],
    ["reviewed", edit({ reviewed: false })],
    ["hours_to_merge", edit({ hours_to_merge: 5 })],
    ["closes", edit({ closes: ["I_2"] })],
    ["closes emptied", edit({ closes: [] })],
    ["kind", edit({ kind: "review" })],
    ["an extra field", edit({ extra: 1 })],
    ["provenance.source", editProvenance({ source: "added" })],
    ["provenance.recorded_at", editProvenance({ recorded_at: "2026-10-02T00:00:00Z" })],
    ["provenance.by added", editProvenance({ by: "alice" })],
  ])("an edit does not verify: %s", (_name, change) => {
    const edited = change(signedPr);
    expect(edited).not.toEqual(signedPr);
    expect(s.verify(edited, "alice", Q)).toBe(false);
  });

  it.each<[string, EvidenceItem, Edit]>([
    ["a review's teaching flag", review({ teaching: false }), edit({ teaching: true })],
    ["a review's state", review({ state: "APPROVED" }), edit({ state: "CHANGES_REQUESTED" })],
    ["a review's pr_author_level", review({ pr_author_level: "IC1" }), edit({ pr_author_level: "IC0" })],
    ["an issue's assignees", issue({ assignees: 2 }), edit({ assignees: 1 })],
    ["an issue's escalated flag", issue({ class: "incident", escalated: true }), edit({ escalated: false })],
    ["an issue's linked_prs", issue({ linked_prs: 0 }), edit({ linked_prs: 1 })],
    ["a note's path", note(), edit({ path: "people/alice/learning/other.md" })],
    [
      "a manual item's confirmation",
      manual("x", { confirmed: { by: "dana", at: "2026-11-01T00:00:00Z" } }),
      edit({ confirmed: { by: "alice", at: "2026-11-01T00:00:00Z" } }),
    ],
    ["a manual item's criterion", manual("x"), edit({ criterion: "y" })],
  ])("every kind's own fields are signed: %s", (_name, item, change) => {
    const signed = s.sign(item, "alice", Q);
    expect(s.verify(signed, "alice", Q)).toBe(true);
    expect(s.verify(change(signed), "alice", Q)).toBe(false);
  });

  it("the order of the item's keys does not matter (a YAML round trip may reorder them)", () => {
    const reversed = Object.fromEntries(Object.entries(signedPr).reverse());
    const provenance = Object.fromEntries(Object.entries(signedPr.provenance).reverse());
    const reordered = { ...reversed, provenance } as EvidenceItem;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(signedPr)[0]);
    expect(s.verify(reordered, "alice", Q)).toBe(true);
  });

  it("a field left undefined is the same as one left out", () => {
    const { url: _url, ...rest } = basePr;
    const signed = s.sign(rest as EvidenceItem, "alice", Q);
    expect(s.verify({ ...signed, url: undefined } as EvidenceItem, "alice", Q)).toBe(true);
  });

  it("an array's order is part of what is signed", () => {
    const two = s.sign(pr({ key: "PR_two", closes: ["I_1", "I_2"] }), "alice", Q);
    expect(s.verify({ ...two, closes: ["I_2", "I_1"] } as EvidenceItem, "alice", Q)).toBe(false);
  });
});

const confirmed = { by: "dana", at: "2026-11-01T00:00:00Z" };
const added = { source: "added" as const, by: "alice", recorded_at: "2026-10-02T00:00:00Z" };

describe("trustOf: counted, unverified or claimed", () => {
  type Row = [string, EvidenceItem, "sign" | "sign-bob" | "sign-q3" | "none", boolean, Trust];
  it.each<Row>([
    ["observed and verified", pr(), "sign", true, "counted"],
    ["observed, no signature", pr(), "none", true, "unverified"],
    ["observed, signed for someone else", pr(), "sign-bob", true, "unverified"],
    ["observed, signed for another quarter", pr(), "sign-q3", true, "unverified"],
    ["observed and signed, but no key to check with", pr(), "sign", false, "unverified"],
    ["an observed review, verified", review(), "sign", true, "counted"],
    ["an observed note, unsigned", note(), "none", true, "unverified"],
    ["added by a person (not manual), even when signed", pr({ provenance: added }), "sign", true, "claimed"],
    ["added by a person (not manual), unsigned", issue({ provenance: added }), "none", true, "claimed"],
    ["manual, unconfirmed, unsigned", manual("x"), "none", true, "claimed"],
    ["manual, unconfirmed, signed", manual("x"), "sign", true, "claimed"],
    ["manual, confirmed and signed", manual("x", { confirmed }), "sign", true, "counted"],
    ["manual, confirmed but unsigned (typed by hand)", manual("x", { confirmed }), "none", true, "claimed"],
    ["manual, confirmed, signed for someone else", manual("x", { confirmed }), "sign-bob", true, "claimed"],
    ["manual, confirmed and signed, but no key", manual("x", { confirmed }), "sign", false, "claimed"],
    [
      "manual with source observed, unconfirmed and signed",
      manual("x", { provenance: { source: "observed", recorded_at: "2026-10-01T00:00:00Z" } }),
      "sign",
      true,
      "claimed",
    ],
  ])("%s", (_name, item, how, withKey, want) => {
    const stored =
      how === "sign"
        ? s.sign(item, "alice", Q)
        : how === "sign-bob"
          ? s.sign(item, "bob", Q)
          : how === "sign-q3"
            ? s.sign(item, "alice", "2026-Q3")
            : item;
    expect(trustOf(stored, "alice", Q, withKey ? s : undefined)).toBe(want);
  });

  it("a confirmation typed into a signed manual item does not count", () => {
    const signed = s.sign(manual("x"), "alice", Q);
    expect(trustOf(signed, "alice", Q, s)).toBe("claimed");
    expect(trustOf({ ...signed, confirmed } as EvidenceItem, "alice", Q, s)).toBe("claimed");
  });

  it("an observed item whose signature was kept but whose title was edited is unverified", () => {
    const signed = s.sign(pr(), "alice", Q);
    expect(trustOf({ ...signed, title: "edited" }, "alice", Q, s)).toBe("unverified");
  });
});
