import { describe, expect, it } from "vitest";
import {
  compareQuarters,
  type FiscalCalendar,
  isTimeZone,
  localTime,
  parseQuarterLabel,
  type Quarter,
  quarterEnd,
  quarterLabel,
  quarterOf,
  quarterStart,
  shiftQuarter,
  startOfLocalDay,
  WEEKS_PER_QUARTER,
  weekOfQuarter,
} from "../../src/domain/quarter.js";

const cal = (startMonth: number, timeZone = "UTC"): FiscalCalendar => ({ startMonth, timeZone });
const iso = (instant: number) => new Date(instant).toISOString();

describe("quarterOf: fiscal years named by the calendar year they end in", () => {
  it.each<[string, string, FiscalCalendar, string]>([
    ["January start, first day", "2026-01-01T00:00:00Z", cal(1), "2026-Q1"],
    ["January start, end of March", "2026-03-31T23:59:59Z", cal(1), "2026-Q1"],
    ["January start, April", "2026-04-01T00:00:00Z", cal(1), "2026-Q2"],
    ["January start, July", "2026-07-15T00:00:00Z", cal(1), "2026-Q3"],
    ["January start, December", "2026-12-31T12:00:00Z", cal(1), "2026-Q4"],
    ["February start, January ends the fiscal year", "2027-01-31T12:00:00Z", cal(2), "2027-Q4"],
    ["February start, February starts the next", "2027-02-01T00:00:00Z", cal(2), "2028-Q1"],
    ["April start, March", "2026-03-31T12:00:00Z", cal(4), "2026-Q4"],
    ["April start, April", "2026-04-01T00:00:00Z", cal(4), "2027-Q1"],
    ["April start, September", "2026-09-30T00:00:00Z", cal(4), "2027-Q2"],
    ["October start, October", "2026-10-01T00:00:00Z", cal(10), "2027-Q1"],
    ["October start, September", "2026-09-30T00:00:00Z", cal(10), "2026-Q4"],
    ["December start, December", "2026-12-01T00:00:00Z", cal(12), "2027-Q1"],
    ["December start, November", "2026-11-30T23:59:59Z", cal(12), "2026-Q4"],
    ["December start, February", "2027-02-28T00:00:00Z", cal(12), "2027-Q1"],
    ["December start, March", "2027-03-01T00:00:00Z", cal(12), "2027-Q2"],
  ])("%s", (_name, at, calendar, label) => {
    expect(quarterLabel(quarterOf(Date.parse(at), calendar))).toBe(label);
  });

  // DST: after New York falls back (2026-11-01) the offset is −5 h. These instants are on the next
  // UTC day but still on the previous local day; an implementation that kept −4 h would move them.
  it("uses the offset in force at the instant, across a DST change, when local and UTC days differ", () => {
    const ny = cal(1, "America/New_York");
    const lastLocalMinute = Date.UTC(2027, 0, 1, 4, 30); // 2026-12-31 23:30 EST, 2027-01-01 in UTC
    expect(quarterLabel(quarterOf(lastLocalMinute, ny))).toBe("2026-Q4");
    expect(quarterLabel(quarterOf(lastLocalMinute, cal(1)))).toBe("2027-Q1");
    const wed = Date.UTC(2026, 10, 5, 4, 30); // Wednesday 2026-11-04 23:30 EST, Thursday 11-05 in UTC
    expect(localTime(wed, "America/New_York")).toEqual({
      year: 2026,
      month: 11,
      day: 4,
      hour: 23,
      minute: 30,
      second: 0,
    });
    expect(weekOfQuarter(wed, { year: 2026, q: 4 }, ny)).toBe(4); // day 34 of the quarter
    expect(weekOfQuarter(wed, { year: 2026, q: 4 }, cal(1))).toBe(5); // day 35 in UTC
    // Before the change the offset is −4 h: 2026-10-08T03:30Z is still 10-07 (day 6, week 0) in New York.
    expect(weekOfQuarter(Date.UTC(2026, 9, 8, 3, 30), { year: 2026, q: 4 }, ny)).toBe(0);
    expect(weekOfQuarter(Date.UTC(2026, 9, 8, 4, 30), { year: 2026, q: 4 }, ny)).toBe(1);
  });
});

describe("quarter boundaries", () => {
  it.each<[string, Quarter, FiscalCalendar, string, string]>([
    ["calendar Q1", { year: 2026, q: 1 }, cal(1), "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    [
      "calendar Q4 into the next year",
      { year: 2026, q: 4 },
      cal(1),
      "2026-10-01T00:00:00.000Z",
      "2027-01-01T00:00:00.000Z",
    ],
    [
      "July start, Q1 in the previous calendar year",
      { year: 2027, q: 1 },
      cal(7),
      "2026-07-01T00:00:00.000Z",
      "2026-10-01T00:00:00.000Z",
    ],
    [
      "July start, Q3 in the named year",
      { year: 2027, q: 3 },
      cal(7),
      "2027-01-01T00:00:00.000Z",
      "2027-04-01T00:00:00.000Z",
    ],
    [
      "December start, Q1",
      { year: 2027, q: 1 },
      cal(12),
      "2026-12-01T00:00:00.000Z",
      "2027-03-01T00:00:00.000Z",
    ],
    [
      "December start, Q2",
      { year: 2027, q: 2 },
      cal(12),
      "2027-03-01T00:00:00.000Z",
      "2027-06-01T00:00:00.000Z",
    ],
    [
      "December start, Q4",
      { year: 2027, q: 4 },
      cal(12),
      "2027-09-01T00:00:00.000Z",
      "2027-12-01T00:00:00.000Z",
    ],
    [
      "February start, Q4",
      { year: 2027, q: 4 },
      cal(2),
      "2026-11-01T00:00:00.000Z",
      "2027-02-01T00:00:00.000Z",
    ],
    [
      "Kolkata (+05:30)",
      { year: 2026, q: 4 },
      cal(1, "Asia/Kolkata"),
      "2026-09-30T18:30:00.000Z",
      "2026-12-31T18:30:00.000Z",
    ],
    [
      "New York, start in summer time, end in winter time",
      { year: 2026, q: 4 },
      cal(1, "America/New_York"),
      "2026-10-01T04:00:00.000Z",
      "2027-01-01T05:00:00.000Z",
    ],
    [
      "Havana: midnight happens twice on 2026-11-01, the first counts",
      { year: 2027, q: 4 },
      cal(2, "America/Havana"),
      "2026-11-01T04:00:00.000Z",
      "2027-02-01T05:00:00.000Z",
    ],
  ])("%s", (_name, quarter, calendar, start, end) => {
    expect(iso(quarterStart(quarter, calendar))).toBe(start);
    expect(iso(quarterEnd(quarter, calendar))).toBe(end);
  });

  it.each<[string, [number, number, number], string, string]>([
    ["an ordinary day", [2026, 10, 5], "Europe/Berlin", "2026-10-04T22:00:00.000Z"],
    ["west of UTC", [2026, 10, 5], "America/Los_Angeles", "2026-10-05T07:00:00.000Z"],
    ["a DST day in spring (change at 02:00)", [2026, 3, 29], "Europe/Berlin", "2026-03-28T23:00:00.000Z"],
    ["a DST day in autumn (change at 03:00)", [2026, 10, 25], "Europe/Berlin", "2026-10-24T22:00:00.000Z"],
    // Havana springs forward at 00:00: midnight does not exist, the day starts at 01:00 CDT.
    ["midnight skipped (Havana)", [2026, 3, 8], "America/Havana", "2026-03-08T05:00:00.000Z"],
    // Amman fell back at 01:00 → 00:00 on 2021-10-29: the first of two midnights, 00:00 +03.
    [
      "midnight twice, UTC midnight after the change (Amman)",
      [2021, 10, 29],
      "Asia/Amman",
      "2021-10-28T21:00:00.000Z",
    ],
    [
      "midnight twice, UTC midnight before the change (Havana)",
      [2026, 11, 1],
      "America/Havana",
      "2026-11-01T04:00:00.000Z",
    ],
    // Samoa skipped 2011-12-30 entirely: it "starts" when 12-31 does.
    ["a day that does not exist (Apia)", [2011, 12, 30], "Pacific/Apia", "2011-12-30T10:00:00.000Z"],
    // Offsets off the 15-minute grid: Monrovia kept −0:44:30 until 1972, Dublin −0:25:21 until 1916.
    ["an offset of −0:44:30 (Monrovia, 1971)", [1971, 1, 1], "Africa/Monrovia", "1971-01-01T00:44:30.000Z"],
    ["an offset of −0:25:21 (Dublin, 1900)", [1900, 1, 1], "Europe/Dublin", "1900-01-01T00:25:21.000Z"],
    ["half-hour DST (Lord Howe)", [2026, 4, 5], "Australia/Lord_Howe", "2026-04-04T13:00:00.000Z"],
  ])("startOfLocalDay: %s", (_name, [y, m, d], zone, expected) => {
    const start = startOfLocalDay(y, m, d, zone);
    expect(iso(start)).toBe(expected);
    expect(localTime(start - 1, zone).day).not.toBe(d);
  });
});

describe("weeks of a quarter", () => {
  const q4 = { year: 2026, q: 4 };
  it.each<[string, string, number]>([
    ["the first instant", "2026-10-01T00:00:00Z", 0],
    ["the end of day 6", "2026-10-07T23:59:59Z", 0],
    ["day 7", "2026-10-08T00:00:00Z", 1],
    ["day 13", "2026-10-14T12:00:00Z", 1],
    ["day 14", "2026-10-15T00:00:00Z", 2],
    ["day 83 (week 11)", "2026-12-23T00:00:00Z", 11],
    ["day 84 (week 12)", "2026-12-24T00:00:00Z", 12],
    ["the last day, day 91, is still week 12", "2026-12-31T23:59:59Z", 12],
    ["after the quarter: clamped to week 12", "2027-02-15T00:00:00Z", 12],
    ["before the quarter: clamped to week 0", "2026-09-01T00:00:00Z", 0],
    ["the day before the quarter: week 0", "2026-09-30T12:00:00Z", 0],
  ])("%s", (_name, at, week) => {
    expect(weekOfQuarter(Date.parse(at), q4, cal(1))).toBe(week);
  });

  it("has 13 weeks", () => {
    expect(WEEKS_PER_QUARTER).toBe(13);
  });

  it("counts from the fiscal quarter's first day", () => {
    // July start: 2027-Q2 begins 2026-10-01.
    expect(weekOfQuarter(Date.parse("2026-10-08T00:00:00Z"), { year: 2027, q: 2 }, cal(7))).toBe(1);
    // December start: 2027-Q2 begins 2027-03-01; 03-08 is day 7.
    expect(weekOfQuarter(Date.parse("2027-03-08T00:00:00Z"), { year: 2027, q: 2 }, cal(12))).toBe(1);
    expect(weekOfQuarter(Date.parse("2027-03-07T23:00:00Z"), { year: 2027, q: 2 }, cal(12))).toBe(0);
  });
});

describe("labels, shifts and comparisons", () => {
  it.each<[string, Quarter | undefined]>([
    ["2026-Q1", { year: 2026, q: 1 }],
    ["2026-Q4", { year: 2026, q: 4 }],
    ["0999-Q2", { year: 999, q: 2 }],
    ["2026-Q0", undefined],
    ["2026-Q5", undefined],
    ["2026-q4", undefined],
    ["26-Q4", undefined],
    ["20266-Q4", undefined],
    ["x2026-Q4", undefined],
    ["2026-Q4x", undefined],
    ["2026-Q4\n", undefined],
    ["2026Q4", undefined],
  ])("parseQuarterLabel(%j)", (label, expected) => {
    expect(parseQuarterLabel(label)).toEqual(expected);
  });

  it.each<[Quarter, number, Quarter]>([
    [{ year: 2026, q: 2 }, 0, { year: 2026, q: 2 }],
    [{ year: 2026, q: 2 }, 1, { year: 2026, q: 3 }],
    [{ year: 2026, q: 2 }, 2, { year: 2026, q: 4 }],
    [{ year: 2026, q: 2 }, 3, { year: 2027, q: 1 }],
    [{ year: 2026, q: 2 }, -1, { year: 2026, q: 1 }],
    [{ year: 2026, q: 2 }, -2, { year: 2025, q: 4 }],
    [{ year: 2026, q: 1 }, -5, { year: 2024, q: 4 }],
    [{ year: 2026, q: 4 }, 9, { year: 2029, q: 1 }],
  ])("shiftQuarter(%j, %i)", (q, by, expected) => {
    expect(shiftQuarter(q, by)).toEqual(expected);
  });

  it.each<[Quarter, Quarter, number]>([
    [{ year: 2026, q: 3 }, { year: 2026, q: 3 }, 0],
    [{ year: 2026, q: 4 }, { year: 2026, q: 3 }, 1],
    [{ year: 2026, q: 1 }, { year: 2026, q: 3 }, -2],
    [{ year: 2027, q: 1 }, { year: 2026, q: 4 }, 1],
    [{ year: 2025, q: 4 }, { year: 2026, q: 1 }, -1],
  ])("compareQuarters(%j, %j)", (a, b, expected) => {
    expect(compareQuarters(a, b)).toBe(expected);
  });

  it.each<[string, boolean]>([
    ["UTC", true],
    ["Europe/Berlin", true],
    ["America/Argentina/Buenos_Aires", true],
    ["Mars/Olympus_Mons", false],
    ["", false],
  ])("isTimeZone(%j) → %s", (zone, ok) => {
    expect(isTimeZone(zone)).toBe(ok);
  });

  it("reads local wall-clock time in a zone", () => {
    expect(localTime(Date.UTC(2026, 0, 2, 3, 4, 5, 678), "Asia/Kolkata")).toEqual({
      year: 2026,
      month: 1,
      day: 2,
      hour: 8,
      minute: 34,
      second: 5,
    });
    expect(localTime(Date.UTC(2026, 0, 1, 0, 0, 0), "America/Los_Angeles")).toEqual({
      year: 2025,
      month: 12,
      day: 31,
      hour: 16,
      minute: 0,
      second: 0,
    });
  });
});
