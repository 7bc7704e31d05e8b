import { describe, expect, it } from "vitest";
import {
  adoptable,
  GOAL_LABEL,
  goalIssueMarker,
  type IssueSeen,
  nextGoalIssueStep,
  whyNotGoalIssue,
} from "../../src/domain/goal-issue.js";
import { emptyLedger } from "../../src/domain/ledger.js";

const MARKER = "<!-- rungs:goal-issue login=alice quarter=2026-Q4 -->";

const seen = (over: Partial<Extract<IssueSeen, { gone?: false }>> = {}): IssueSeen & { gone?: false } => ({
  number: 7,
  labels: [GOAL_LABEL],
  body: `${MARKER}\n# Alice's goals`,
  inCareerRepo: true,
  ...over,
});

describe("goalIssueMarker", () => {
  it.each([
    ["alice", "2026-Q4", MARKER],
    ["Alice", "2026-Q4", MARKER],
    ["ALICE-2", "2027-Q1", "<!-- rungs:goal-issue login=alice-2 quarter=2027-Q1 -->"],
    // Whatever a login could smuggle into the comment is sanitised.
    ["a-->b c", "2026-Q4", "<!-- rungs:goal-issue login=a--_b_c quarter=2026-Q4 -->"],
    ["ünï", "2026-Q4", "<!-- rungs:goal-issue login=_n_ quarter=2026-Q4 -->"],
  ])("%s %s", (login, quarter, marker) => {
    expect(goalIssueMarker(login, quarter)).toBe(marker);
  });
});

describe("whyNotGoalIssue", () => {
  it.each<[string, IssueSeen, string | undefined]>([
    ["a goal issue", seen(), undefined],
    ["the marker alone", seen({ body: MARKER }), undefined],
    ["the marker with spaces around and CRLF", seen({ body: `  ${MARKER} \r\nrest` }), undefined],
    ["the label in another case", seen({ labels: ["bug", "Rungs: Goals"] }), undefined],
    [
      "the marker of another spelling of the login",
      seen({ body: goalIssueMarker("ALICE", "2026-Q4") }),
      undefined,
    ],
    ["deleted", { gone: true }, "deleted or transferred"],
    ["transferred out", seen({ inCareerRepo: false }), "not in the career repo"],
    ["no labels", seen({ labels: [] }), 'not labelled "rungs: goals"'],
    ["a similar label", seen({ labels: ["rungs:goals", "goals"] }), 'not labelled "rungs: goals"'],
    ["no body", seen({ body: null }), "its marker is not this person's for this quarter"],
    ["an empty body", seen({ body: "" }), "its marker is not this person's for this quarter"],
    [
      "another person's marker",
      seen({ body: goalIssueMarker("bob", "2026-Q4") }),
      "its marker is not this person's for this quarter",
    ],
    [
      "another quarter's marker",
      seen({ body: goalIssueMarker("alice", "2026-Q3") }),
      "its marker is not this person's for this quarter",
    ],
    [
      "the marker on the second line (smuggled into someone's goals)",
      seen({ body: `<!-- rungs:goal-issue login=bob quarter=2026-Q4 -->\n${MARKER}` }),
      "its marker is not this person's for this quarter",
    ],
    [
      "the marker after a title line",
      seen({ body: `# Goals\n${MARKER}` }),
      "its marker is not this person's for this quarter",
    ],
    ["the marker quoted", seen({ body: `> ${MARKER}` }), "its marker is not this person's for this quarter"],
    [
      "the marker with text after it",
      seen({ body: `${MARKER} extra` }),
      "its marker is not this person's for this quarter",
    ],
  ])("%s", (_name, issue, why) => {
    expect(whyNotGoalIssue(issue, "alice", "2026-Q4")).toBe(why);
  });

  it("checks gone before anything else, then the repo, then the label", () => {
    expect(whyNotGoalIssue(seen({ inCareerRepo: false, labels: [], body: null }), "alice", "2026-Q4")).toBe(
      "not in the career repo",
    );
    expect(whyNotGoalIssue(seen({ labels: [], body: null }), "alice", "2026-Q4")).toBe(
      'not labelled "rungs: goals"',
    );
  });

  it("matches the login whatever its case", () => {
    expect(whyNotGoalIssue(seen(), "ALICE", "2026-Q4")).toBeUndefined();
  });
});

describe("nextGoalIssueStep", () => {
  const head = emptyLedger("alice", "2026-Q4");
  it.each([
    ["no issue recorded", null, undefined, { do: "claim" }],
    ["no issue recorded, whatever a check said", null, "deleted or transferred", { do: "claim" }],
    ["the recorded issue passed", 12, undefined, { do: "update", number: 12 }],
    ["the recorded issue failed", 12, "deleted or transferred", { do: "claim", replacing: 12 }],
    ["the recorded issue failed with an empty reason", 12, "", { do: "claim", replacing: 12 }],
  ])("%s", (_name, goal_issue, failedCheck, step) => {
    expect(nextGoalIssueStep({ ...head, goal_issue }, failedCheck)).toEqual(step);
  });
});

describe("adoptable", () => {
  const other = goalIssueMarker("bob", "2026-Q4");
  it.each<[string, (IssueSeen & { gone?: false })[], number | undefined, number | undefined]>([
    ["none", [], undefined, undefined],
    ["one matching", [seen({ number: 9 })], undefined, 9],
    [
      "the oldest of several",
      [seen({ number: 30 }), seen({ number: 9 }), seen({ number: 12 })],
      undefined,
      9,
    ],
    ["numbers compared as numbers", [seen({ number: 10 }), seen({ number: 9 })], undefined, 9],
    [
      "only those that pass the check",
      [
        seen({ number: 2, body: other }),
        seen({ number: 3, labels: [] }),
        seen({ number: 4, inCareerRepo: false }),
        seen({ number: 5 }),
      ],
      undefined,
      5,
    ],
    ["none that pass", [seen({ number: 2, body: other })], undefined, undefined],
    ["excluding the replaced one", [seen({ number: 3 }), seen({ number: 8 })], 3, 8],
    ["excluding the only one", [seen({ number: 3 })], 3, undefined],
    ["excluding one that is not there", [seen({ number: 3 })], 4, 3],
  ])("%s", (_name, issues, excluding, number) => {
    expect(adoptable(issues, "alice", "2026-Q4", excluding)).toBe(number);
  });
});
