/**
 * The org chart over time (src/domain/org-chart.ts) and the `people` rule that reads it
 * (src/domain/criteria.ts): past quarters are judged by the chart of their time, not by today's.
 */
import { describe, expect, it } from "vitest";
import { evaluateCriterion } from "../../src/domain/criteria.js";
import type { Rule } from "../../src/domain/ladder/schema.js";
import {
  dayStart,
  isLevelUp,
  levelAt,
  levelChanges,
  managerAt,
  mentorAt,
} from "../../src/domain/org-chart.js";
import type { Profile } from "../../src/domain/profile.js";
import type { FiscalCalendar, Quarter } from "../../src/domain/quarter.js";
import { criterion, profile, profilesOf, standardLadder } from "./fixtures.js";

const utc = (iso: string): number => Date.parse(iso);

describe("dayStart: a profile date as the instant its day starts in the organisation's time zone", () => {
  it.each<[string, string, string]>([
    ["2026-11-15", "UTC", "2026-11-15T00:00:00.000Z"],
    ["2026-11-15", "America/New_York", "2026-11-15T05:00:00.000Z"],
    ["2026-07-01", "America/New_York", "2026-07-01T04:00:00.000Z"],
    ["2026-07-01", "Europe/Berlin", "2026-06-30T22:00:00.000Z"],
    ["2026-01-01", "Asia/Tokyo", "2025-12-31T15:00:00.000Z"],
    // A day starting inside a DST gap at midnight starts at the first instant after it.
    ["2026-09-06", "America/Santiago", "2026-09-06T04:00:00.000Z"],
  ])("%s in %s starts at %s", (date, tz, iso) => {
    expect(new Date(dayStart(date, tz)).toISOString()).toBe(iso);
  });
});

/** Promoted IC0 → IC1 on 2026-11-15 (the example of a mid-window promotion). */
const promoted = profile("ivy", {
  level: "IC1",
  since: "2026-11-15",
  history: [{ level: "IC0", since: "2026-01-05" }],
});

describe("levelAt: the level as of an instant", () => {
  it.each<[string, Profile, string, string, string | undefined]>([
    ["before the first dated level: unknown", promoted, "2026-01-04T23:59:59.999Z", "UTC", undefined],
    ["the first dated level, from its day's start", promoted, "2026-01-05T00:00:00.000Z", "UTC", "IC0"],
    ["the old level until the new one starts", promoted, "2026-11-14T23:59:59.999Z", "UTC", "IC0"],
    ["the current level from `since`", promoted, "2026-11-15T00:00:00.000Z", "UTC", "IC1"],
    ["the current level from then on", promoted, "2030-01-01T00:00:00.000Z", "UTC", "IC1"],
    // In Los Angeles 15 November starts at 08:00 UTC.
    [
      "`since` in the org's time zone: not yet",
      promoted,
      "2026-11-15T07:59:59.999Z",
      "America/Los_Angeles",
      "IC0",
    ],
    [
      "`since` in the org's time zone: started",
      promoted,
      "2026-11-15T08:00:00.000Z",
      "America/Los_Angeles",
      "IC1",
    ],
    // In Berlin 15 November starts at 23:00 UTC on the 14th.
    [
      "`since` east of UTC starts the evening before",
      promoted,
      "2026-11-14T23:00:00.000Z",
      "Europe/Berlin",
      "IC1",
    ],
    [
      "no history: the current level holds always, even before `since`",
      profile("a", { level: "IC2", since: "2026-11-15" }),
      "2020-01-01T00:00:00.000Z",
      "UTC",
      "IC2",
    ],
    [
      "no history and no since: always the current level",
      profile("a", { level: "IC3" }),
      "2001-01-01T00:00:00.000Z",
      "UTC",
      "IC3",
    ],
    [
      "history without `since`: the current level holds from the last dated change on",
      profile("a", { level: "IC1", history: [{ level: "IC0", since: "2026-01-05" }] }),
      "2026-03-01T00:00:00.000Z",
      "UTC",
      "IC1",
    ],
    [
      "history without `since`: still unknown before the first dated change",
      profile("a", { level: "IC1", history: [{ level: "IC0", since: "2026-01-05" }] }),
      "2026-01-04T00:00:00.000Z",
      "UTC",
      "undefined",
    ],
    [
      "two promotions: the middle level between them",
      profile("a", {
        level: "IC2",
        since: "2026-10-01",
        history: [
          { level: "IC0", since: "2025-01-06" },
          { level: "IC1", since: "2025-10-01" },
        ],
      }),
      "2026-09-30T12:00:00.000Z",
      "UTC",
      "IC1",
    ],
    [
      "history entries that only change the manager do not touch the level",
      profile("a", {
        level: "IC1",
        since: "2026-06-01",
        history: [
          { level: "IC0", since: "2026-01-05" },
          { manager: "dana", since: "2026-08-01" },
        ],
      }),
      "2026-05-31T12:00:00.000Z",
      "UTC",
      "IC0",
    ],
  ])("%s", (_name, p, at, tz, want) => {
    expect(levelAt(p, utc(at), tz)).toBe(want === "undefined" ? undefined : want);
  });
});

const moved = profile("ivy", {
  manager: "erin",
  history: [
    { manager: "dana", since: "2026-03-01" },
    { manager: "erin", since: "2026-09-01" },
  ],
});

describe("managerAt / mentorAt: who it was as of an instant", () => {
  type Row = [string, Profile, "manager" | "mentor", string, string | null | undefined];
  it.each<Row>([
    ["before the first dated manager: unknown", moved, "manager", "2026-02-28T23:59:59.999Z", undefined],
    ["the first dated manager", moved, "manager", "2026-03-01T00:00:00.000Z", "dana"],
    ["until the next change", moved, "manager", "2026-08-31T23:59:59.999Z", "dana"],
    ["the current manager from their dated change", moved, "manager", "2026-09-01T00:00:00.000Z", "erin"],
    ["and on", moved, "manager", "2031-01-01T00:00:00.000Z", "erin"],
    [
      "a current manager without dated changes holds always",
      profile("a", { manager: "dana" }),
      "manager",
      "1999-01-01T00:00:00.000Z",
      "dana",
    ],
    [
      "the top of the organisation: null, not unknown",
      profile("a", { manager: null }),
      "manager",
      "2026-05-01T00:00:00.000Z",
      null,
    ],
    [
      "an undated current manager holds from the last dated change on",
      profile("a", { manager: "frank", history: [{ manager: "dana", since: "2026-03-01" }] }),
      "manager",
      "2026-06-01T00:00:00.000Z",
      "frank",
    ],
    [
      "an undated current manager: still unknown before the first dated change",
      profile("a", { manager: "frank", history: [{ manager: "dana", since: "2026-03-01" }] }),
      "manager",
      "2026-02-01T00:00:00.000Z",
      undefined,
    ],
    [
      "a dated change to nobody",
      profile("a", {
        manager: "dana",
        history: [
          { manager: null, since: "2026-01-01" },
          { manager: "dana", since: "2026-06-01" },
        ],
      }),
      "manager",
      "2026-02-01T00:00:00.000Z",
      null,
    ],
    [
      "level-only history leaves the manager undated (always)",
      profile("a", { manager: "dana", history: [{ level: "IC0", since: "2026-03-01" }] }),
      "manager",
      "2026-01-01T00:00:00.000Z",
      "dana",
    ],
    ["no mentor at all: null", profile("a"), "mentor", "2026-05-01T00:00:00.000Z", null],
    [
      "a current mentor without dated changes holds always",
      profile("a", { mentor: "bob" }),
      "mentor",
      "2000-01-01T00:00:00.000Z",
      "bob",
    ],
    [
      "before the mentor's dated start: unknown",
      profile("a", { mentor: "bob", history: [{ mentor: "bob", since: "2026-06-01" }] }),
      "mentor",
      "2026-05-31T23:59:59.999Z",
      undefined,
    ],
    [
      "from the mentor's dated start",
      profile("a", { mentor: "bob", history: [{ mentor: "bob", since: "2026-06-01" }] }),
      "mentor",
      "2026-06-01T00:00:00.000Z",
      "bob",
    ],
    [
      "a mentor who ended: null from then on",
      profile("a", {
        history: [
          { mentor: "bob", since: "2026-01-01" },
          { mentor: null, since: "2026-07-01" },
        ],
      }),
      "mentor",
      "2026-08-01T00:00:00.000Z",
      null,
    ],
    [
      "a mentor who ended: still the mentor before",
      profile("a", {
        history: [
          { mentor: "bob", since: "2026-01-01" },
          { mentor: null, since: "2026-07-01" },
        ],
      }),
      "mentor",
      "2026-06-30T23:59:59.999Z",
      "bob",
    ],
  ])("%s", (_name, p, field, at, want) => {
    const got = field === "manager" ? managerAt(p, utc(at), "UTC") : mentorAt(p, utc(at), "UTC");
    expect(got).toBe(want);
  });

  it("reads the day's start in the organisation's time zone", () => {
    // 1 September starts at 04:00 UTC in New York: at 03:00 UTC it is still 31 August there.
    expect(managerAt(moved, utc("2026-09-01T03:00:00Z"), "America/New_York")).toBe("dana");
    expect(managerAt(moved, utc("2026-09-01T03:00:00Z"), "UTC")).toBe("erin");
    expect(managerAt(moved, utc("2026-09-01T04:00:00Z"), "America/New_York")).toBe("erin");
  });
});

describe("levelChanges: a person's level changes, oldest first", () => {
  it.each<[string, Profile, { from: string; to: string; since: string }[]]>([
    ["no history: none", profile("a", { level: "IC2", since: "2026-01-01" }), []],
    ["one promotion", promoted, [{ from: "IC0", to: "IC1", since: "2026-11-15" }]],
    [
      "two promotions",
      profile("a", {
        level: "IC2",
        since: "2026-10-01",
        history: [
          { level: "IC0", since: "2025-01-06" },
          { level: "IC1", since: "2025-10-01" },
        ],
      }),
      [
        { from: "IC0", to: "IC1", since: "2025-10-01" },
        { from: "IC1", to: "IC2", since: "2026-10-01" },
      ],
    ],
    [
      "the current level repeated as the last history entry is not a second change",
      profile("a", {
        level: "IC1",
        since: "2025-10-01",
        history: [
          { level: "IC0", since: "2025-01-06" },
          { level: "IC1", since: "2025-10-01" },
        ],
      }),
      [{ from: "IC0", to: "IC1", since: "2025-10-01" }],
    ],
    [
      "entries without a level are skipped",
      profile("a", {
        level: "IC1",
        since: "2026-11-15",
        history: [
          { level: "IC0", since: "2026-01-05" },
          { manager: "dana", since: "2026-05-01" },
          { mentor: "bob", since: "2026-06-01" },
        ],
      }),
      [{ from: "IC0", to: "IC1", since: "2026-11-15" }],
    ],
    [
      "a track change is a change",
      profile("a", { level: "M1", since: "2026-08-01", history: [{ level: "IC4", since: "2024-01-01" }] }),
      [{ from: "IC4", to: "M1", since: "2026-08-01" }],
    ],
    [
      "the current level without `since` has no date: no change",
      profile("a", { level: "IC1", history: [{ level: "IC0", since: "2026-01-05" }] }),
      [],
    ],
  ])("%s", (_name, p, want) => {
    expect(levelChanges(p)).toEqual(want);
  });
});

describe("isLevelUp: a more senior level on the same track", () => {
  type Opts = Parameters<typeof isLevelUp>[3];
  it.each<[string, string, Opts, boolean]>([
    ["IC1", "IC2", {}, true],
    ["IC0", "IC3", {}, true],
    ["IC2", "IC1", {}, false],
    ["IC2", "IC2", {}, false],
    ["M1", "M2", {}, true],
    ["M3", "M2", {}, false],
    ["IC4", "M1", {}, false],
    ["IC4", "M1", { includeTrackChanges: false }, false],
    ["IC4", "M1", { includeTrackChanges: true }, true],
    ["IC4", "M1", { includeTrackChanges: true, track: "manager" }, true],
    ["IC4", "M1", { includeTrackChanges: true, track: "ic" }, false],
    ["IC3", "M1", { includeTrackChanges: true }, true],
    ["M1", "IC4", { includeTrackChanges: true, track: "manager" }, false],
    ["M1", "IC4", { includeTrackChanges: true, track: "ic" }, true],
    ["IC4", "M1", { track: "manager" }, false],
    ["M1", "M2", { track: "manager" }, true],
    ["M1", "M2", { track: "ic" }, false],
    ["IC1", "IC2", { track: "ic" }, true],
    ["IC1", "IC2", { track: "manager" }, false],
    ["IC1", "IC9", { includeTrackChanges: true }, false],
    ["IC9", "IC1", { includeTrackChanges: true }, false],
  ])("%s → %s %j: %s", (from, to, opts, want) => {
    expect(isLevelUp(standardLadder(), from, to, opts)).toBe(want);
  });
});

const Q4: Quarter = { year: 2026, q: 4 };
const UTC: FiscalCalendar = { startMonth: 1, timeZone: "UTC" };
type PeopleRule = Extract<Rule, { kind: "people" }>;

const people = (
  rule: Partial<PeopleRule> & Pick<PeopleRule, "who">,
  profiles: Profile[],
  login = "dana",
  quarter = Q4,
  calendar = UTC,
) =>
  evaluateCriterion(criterion("people", { kind: "people", min: 1, within_quarters: 4, ...rule }), {
    login,
    quarter,
    calendar,
    items: [],
    profiles: profilesOf(...profiles),
    ladder: standardLadder(),
  });

describe("people rule: reports are the team as it stood at the quarter's end", () => {
  it.each<[string, Partial<PeopleRule>, Profile[], string[]]>([
    ["a report without dated changes", {}, [profile("a", { manager: "dana" })], ["a"]],
    ["someone else's report", {}, [profile("a", { manager: "erin" })], []],
    [
      "joined the team before the quarter's end",
      {},
      [profile("a", { manager: "dana", history: [{ manager: "dana", since: "2026-12-31" }] })],
      ["a"],
    ],
    [
      "joins the team the day after the quarter ends: not yet",
      {},
      [
        profile("a", {
          manager: "dana",
          history: [
            { manager: "erin", since: "2025-01-01" },
            { manager: "dana", since: "2027-01-01" },
          ],
        }),
      ],
      [],
    ],
    [
      "left the team during the quarter: not a report at its end",
      {},
      [
        profile("a", {
          manager: "erin",
          history: [
            { manager: "dana", since: "2025-01-01" },
            { manager: "erin", since: "2026-11-01" },
          ],
        }),
      ],
      [],
    ],
    [
      "left the team after the quarter: still a report at its end",
      {},
      [
        profile("a", {
          manager: "erin",
          history: [
            { manager: "dana", since: "2025-01-01" },
            { manager: "erin", since: "2027-02-01" },
          ],
        }),
      ],
      ["a"],
    ],
    [
      "logins compare exactly as the profile says",
      {},
      [
        profile("a", { manager: "dana" }),
        profile("b", { manager: "dana" }),
        profile("c", { manager: "carol" }),
      ],
      ["a", "b"],
    ],
    [
      "track: only reports whose level then was on it",
      { track: "manager" },
      [
        profile("a", { manager: "dana", level: "M1" }),
        profile("b", { manager: "dana", level: "IC3" }),
        // M1 now, but IC4 at the quarter's end.
        profile("c", {
          manager: "dana",
          level: "M1",
          since: "2027-01-15",
          history: [{ level: "IC4", since: "2024-01-01" }],
        }),
      ],
      ["a"],
    ],
  ])("%s", (_name, rule, ps, want) => {
    const r = people({ who: "reports", ...rule }, ps);
    expect(r.people).toEqual(want);
    expect(r.value).toBe(want.length);
  });

  it("the end of the quarter is read in the organisation's time zone", () => {
    // In Tokyo, 2027-01-01 starts at 15:00 UTC on 31 December: joining on 1 January is after Q4's end.
    const joined = profile("a", {
      manager: "dana",
      history: [
        { manager: "erin", since: "2025-01-01" },
        { manager: "dana", since: "2027-01-01" },
      ],
    });
    expect(
      people({ who: "reports" }, [joined], "dana", Q4, { startMonth: 1, timeZone: "Asia/Tokyo" }).people,
    ).toEqual([]);
    // Joining on 31 December (Tokyo) is within it.
    const earlier = profile("a", {
      manager: "dana",
      history: [
        { manager: "erin", since: "2025-01-01" },
        { manager: "dana", since: "2026-12-31" },
      ],
    });
    expect(
      people({ who: "reports" }, [earlier], "dana", Q4, { startMonth: 1, timeZone: "Asia/Tokyo" }).people,
    ).toEqual(["a"]);
  });

  it.each<[number, number, boolean]>([
    [2, 2, true],
    [2, 3, false],
    [3, 3, true],
  ])("%i reports against min %i: met %s", (n, min, met) => {
    const ps = Array.from({ length: n }, (_, i) => profile(`r${i}`, { manager: "dana" }));
    const r = people({ who: "reports", min }, ps);
    expect([r.value, r.target, r.met]).toEqual([n, min, met]);
  });
});

/** Promoted IC1 → IC2 on `since`; managed by `manager` then (dated), by erin now. */
const promotedUnder = (login: string, since: string, over: Partial<Profile> = {}): Profile =>
  profile(login, {
    level: "IC2",
    since,
    manager: "dana",
    history: [{ level: "IC1", since: "2024-01-01" }],
    ...over,
  });

describe("people rule: a promotion credits whoever was manager or mentor on its day", () => {
  it.each<[string, Partial<PeopleRule> & Pick<PeopleRule, "who">, Profile[], string[]]>([
    [
      "a report promoted this quarter",
      { who: "promoted-reports" },
      [promotedUnder("a", "2026-11-15")],
      ["a"],
    ],
    [
      "promoted on the quarter's last day",
      { who: "promoted-reports" },
      [promotedUnder("a", "2026-12-31")],
      ["a"],
    ],
    [
      "promoted the day after the quarter: not yet",
      { who: "promoted-reports" },
      [promotedUnder("a", "2027-01-01")],
      [],
    ],
    [
      "promoted on the first day of the 4-quarter window",
      { who: "promoted-reports" },
      [promotedUnder("a", "2026-01-01")],
      ["a"],
    ],
    [
      "promoted the day before the window",
      { who: "promoted-reports" },
      [promotedUnder("a", "2025-12-31")],
      [],
    ],
    [
      "within_quarters: 1 is this quarter only",
      { who: "promoted-reports", within_quarters: 1 },
      [promotedUnder("a", "2026-09-30"), promotedUnder("b", "2026-10-01")],
      ["b"],
    ],
    [
      "the report moved to erin after the promotion: still dana's credit",
      { who: "promoted-reports" },
      [
        promotedUnder("a", "2026-08-01", {
          manager: "erin",
          history: [
            { level: "IC1", since: "2024-01-01", manager: "dana" },
            { manager: "erin", since: "2026-10-01" },
          ],
        }),
      ],
      ["a"],
    ],
    [
      "the report came to dana after the promotion: not dana's credit",
      { who: "promoted-reports" },
      [
        promotedUnder("a", "2026-08-01", {
          history: [
            { level: "IC1", since: "2024-01-01", manager: "erin" },
            { manager: "dana", since: "2026-10-01" },
          ],
        }),
      ],
      [],
    ],
    [
      "manager unknown on the promotion day (dated only later): no credit",
      { who: "promoted-reports" },
      [
        promotedUnder("a", "2026-08-01", {
          history: [
            { level: "IC1", since: "2024-01-01" },
            { manager: "dana", since: "2026-09-01" },
          ],
        }),
      ],
      [],
    ],
    [
      "a demotion is not a level-up",
      { who: "promoted-reports" },
      [
        profile("a", {
          level: "IC1",
          since: "2026-11-01",
          manager: "dana",
          history: [{ level: "IC2", since: "2024-01-01" }],
        }),
      ],
      [],
    ],
    [
      "a track change is excluded by default",
      { who: "promoted-reports" },
      [
        profile("a", {
          level: "M1",
          since: "2026-11-01",
          manager: "dana",
          history: [{ level: "IC4", since: "2024-01-01" }],
        }),
      ],
      [],
    ],
    [
      "a track change counts with include_track_changes",
      { who: "promoted-reports", include_track_changes: true },
      [
        profile("a", {
          level: "M1",
          since: "2026-11-01",
          manager: "dana",
          history: [{ level: "IC4", since: "2024-01-01" }],
        }),
      ],
      ["a"],
    ],
    [
      "onto the manager track: an IC promotion does not count",
      { who: "promoted-reports", include_track_changes: true, track: "manager" },
      [
        profile("a", {
          level: "M1",
          since: "2026-11-01",
          manager: "dana",
          history: [{ level: "IC4", since: "2024-01-01" }],
        }),
        promotedUnder("b", "2026-11-01"),
      ],
      ["a"],
    ],
    [
      "track ic: only IC level-ups",
      { who: "promoted-reports", track: "ic", include_track_changes: true },
      [
        profile("a", {
          level: "M1",
          since: "2026-11-01",
          manager: "dana",
          history: [{ level: "IC4", since: "2024-01-01" }],
        }),
        promotedUnder("b", "2026-11-01"),
      ],
      ["b"],
    ],
    [
      "a mentee promoted while dana mentored them",
      { who: "promoted-mentees" },
      [promotedUnder("a", "2026-11-15", { manager: "erin", mentor: "dana" })],
      ["a"],
    ],
    [
      "a report is not a mentee",
      { who: "promoted-mentees" },
      [promotedUnder("a", "2026-11-15", { manager: "dana" })],
      [],
    ],
    [
      "a mentee is not a report",
      { who: "promoted-reports" },
      [promotedUnder("a", "2026-11-15", { manager: "erin", mentor: "dana" })],
      [],
    ],
    [
      "dana started mentoring after the promotion: no credit",
      { who: "promoted-mentees" },
      [
        promotedUnder("a", "2026-08-01", {
          manager: "erin",
          mentor: "dana",
          history: [
            { level: "IC1", since: "2024-01-01", mentor: "bob" },
            { mentor: "dana", since: "2026-09-01" },
          ],
        }),
      ],
      [],
    ],
    [
      "dana stopped mentoring after the promotion: still dana's credit",
      { who: "promoted-mentees" },
      [
        promotedUnder("a", "2026-08-01", {
          manager: "erin",
          history: [
            { level: "IC1", since: "2024-01-01", mentor: "dana" },
            { mentor: null, since: "2026-10-01" },
          ],
        }),
      ],
      ["a"],
    ],
    [
      "each of two promotions in the window counts the person once",
      { who: "promoted-reports" },
      [
        profile("a", {
          level: "IC3",
          since: "2026-11-01",
          manager: "dana",
          history: [
            { level: "IC1", since: "2024-01-01" },
            { level: "IC2", since: "2026-03-01" },
          ],
        }),
      ],
      ["a"],
    ],
  ])("%s", (_name, rule, ps, want) => {
    const r = people(rule, ps);
    expect(r.people).toEqual(want);
    expect(r.value).toBe(want.length);
  });
});
