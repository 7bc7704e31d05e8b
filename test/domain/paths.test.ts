import { describe, expect, it } from "vitest";
import {
  type CareerPath,
  classifyPath,
  goalsPath,
  learningFolder,
  ledgerPath,
  pendingPath,
  personFolder,
  profilePath,
  shardFolder,
  shardPath,
  touchesConfig,
} from "../../src/domain/paths.js";

describe("classifyPath", () => {
  it.each<[string, CareerPath]>([
    [".github/rungs.yml", { kind: "settings" }],
    ["x/.github/rungs.yml", { kind: "other" }],
    [".github/rungs.yaml", { kind: "other" }],
    [".github/rungs.yml.bak", { kind: "other" }],
    ["ladder/IC0.md", { kind: "ladder" }],
    ["ladder/anything/else.txt", { kind: "ladder" }],
    ["ladder", { kind: "other" }],
    ["docs/ladder/IC0.md", { kind: "other" }],
    ["people/alice/profile.md", { kind: "profile", login: "alice" }],
    ["people/Alice-2/profile.md", { kind: "profile", login: "Alice-2" }],
    ["people/alice/profile.md.bak", { kind: "other" }],
    ["people/alice/profile.mdx", { kind: "other" }],
    ["people/alice/profileXmd", { kind: "other" }],
    ["xpeople/alice/profile.md", { kind: "other" }],
    ["people/a/b/profile.md", { kind: "other" }],
    ["people//profile.md", { kind: "other" }],
    ["people/alice/goals/2026-Q4.md", { kind: "goals", login: "alice", quarter: "2026-Q4" }],
    // A goals file with a name that is not a quarter is still a goals file (the loader names the problem).
    ["people/alice/goals/notes.md", { kind: "goals", login: "alice", quarter: "notes" }],
    ["people/alice/goals/2026-Q4.txt", { kind: "other" }],
    ["people/alice/goals/2026-Q4.md.orig", { kind: "other" }],
    ["xpeople/alice/goals/2026-Q4.md", { kind: "other" }],
    ["people/alice/goals/sub/2026-Q4.md", { kind: "other" }],
    ["people/alice/goals/.md", { kind: "other" }],
    ["people/alice/evidence/2026-Q4.yml", { kind: "ledger", login: "alice", quarter: "2026-Q4" }],
    ["people/alice/evidence/2026-Q1.yml", { kind: "ledger", login: "alice", quarter: "2026-Q1" }],
    ["people/a/evidence/2026-Q5.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q0.yml", { kind: "other" }],
    ["people/a/evidence/26-Q4.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4.yaml", { kind: "other" }],
    ["people/a/evidence/2026-Q4.yml.orig", { kind: "other" }],
    ["people/a/evidence/x2026-Q4.yml", { kind: "other" }],
    ["xpeople/a/evidence/2026-Q4.yml", { kind: "other" }],
    [
      "people/alice/evidence/2026-Q4/2026-10-05.yml",
      { kind: "shard", login: "alice", quarter: "2026-Q4", name: "2026-10-05" },
    ],
    [
      "people/alice/evidence/2026-Q4/2026-10-05-2.yml",
      { kind: "shard", login: "alice", quarter: "2026-Q4", name: "2026-10-05-2" },
    ],
    [
      "people/alice/evidence/2026-Q4/2026-10-05-10.yml",
      { kind: "shard", login: "alice", quarter: "2026-Q4", name: "2026-10-05-10" },
    ],
    ["people/a/evidence/2026-Q4/notes.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4/2026-10-05-.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4/2026-10-5.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4/2026-10-05-x.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4/2026-10-05.yml.bak", { kind: "other" }],
    ["people/a/evidence/2026-Q4/x2026-10-05.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q5/2026-10-05.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4/sub/2026-10-05.yml", { kind: "other" }],
    ["xpeople/a/evidence/2026-Q4/2026-10-05.yml", { kind: "other" }],
    ["people/alice/evidence/2026-Q4.pending.yml", { kind: "pending", login: "alice", quarter: "2026-Q4" }],
    ["people/a/evidence/2026-Q5.pending.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4.pendingXyml", { kind: "other" }],
    ["people/a/evidence/2026-Q4Xpending.yml", { kind: "other" }],
    ["people/a/evidence/2026-Q4.pending.yml.bak", { kind: "other" }],
    ["xpeople/a/evidence/2026-Q4.pending.yml", { kind: "other" }],
    ["people/alice/learning/2026-10-05.md", { kind: "learning-note", login: "alice", name: "2026-10-05.md" }],
    ["people/alice/learning/sub/deep.md", { kind: "learning-note", login: "alice", name: "sub/deep.md" }],
    ["people/alice/learning/notes.txt", { kind: "other" }],
    ["people/alice/learning/.md", { kind: "other" }],
    ["people/alice/learning/a.md.bak", { kind: "other" }],
    ["people/alice/learning/aXmd", { kind: "other" }],
    ["xpeople/alice/learning/a.md", { kind: "other" }],
    ["people/alice/README.md", { kind: "other" }],
    ["README.md", { kind: "other" }],
    ["", { kind: "other" }],
  ])("%s", (path, kind) => {
    expect(classifyPath(path)).toEqual(kind);
  });
});

describe("paths round-trip through classifyPath", () => {
  it.each([
    [profilePath("bob"), { kind: "profile", login: "bob" }],
    [goalsPath("bob", "2027-Q1"), { kind: "goals", login: "bob", quarter: "2027-Q1" }],
    [ledgerPath("bob", "2027-Q1"), { kind: "ledger", login: "bob", quarter: "2027-Q1" }],
    [
      shardPath("bob", "2027-Q1", "2027-01-02-3"),
      { kind: "shard", login: "bob", quarter: "2027-Q1", name: "2027-01-02-3" },
    ],
    [pendingPath("bob", "2027-Q1"), { kind: "pending", login: "bob", quarter: "2027-Q1" }],
    [`${learningFolder("bob")}n.md`, { kind: "learning-note", login: "bob", name: "n.md" }],
  ])("%s", (path, kind) => {
    expect(classifyPath(path)).toEqual(kind);
  });

  it("builds the documented layout", () => {
    expect(personFolder("bob")).toBe("people/bob/");
    expect(shardFolder("bob", "2027-Q1")).toBe("people/bob/evidence/2027-Q1");
    expect(learningFolder("bob")).toBe("people/bob/learning/");
  });
});

describe("touchesConfig", () => {
  it.each([
    [".github/rungs.yml", true],
    ["ladder/IC3.md", true],
    ["people/alice/profile.md", true],
    ["people/alice/goals/2026-Q4.md", false],
    ["people/alice/evidence/2026-Q4.yml", false],
    ["people/alice/evidence/2026-Q4/2026-10-05.yml", false],
    ["people/alice/evidence/2026-Q4.pending.yml", false],
    ["people/alice/learning/a.md", false],
    ["README.md", false],
  ])("%s → %s", (path, touches) => {
    expect(touchesConfig(path)).toBe(touches);
  });
});
