import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type FiscalCalendar,
  parseQuarterLabel,
  quarterEnd,
  quarterLabel,
  quarterOf,
  quarterStart,
  shiftQuarter,
  weekOfQuarter,
} from "../../src/domain/quarter.js";

const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Pacific/Apia",
];
const calendars = fc.record({
  startMonth: fc.integer({ min: 1, max: 12 }),
  timeZone: fc.constantFrom(...ZONES),
});
const instants = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
const SEED = { seed: 20261126, numRuns: 300 };

describe("quarters", () => {
  it("names a calendar-year quarter by its year", () => {
    const cal: FiscalCalendar = { startMonth: 1, timeZone: "UTC" };
    expect(quarterLabel(quarterOf(Date.UTC(2026, 9, 1), cal))).toBe("2026-Q4");
    expect(quarterLabel(quarterOf(Date.UTC(2026, 11, 31, 23, 59, 59, 999), cal))).toBe("2026-Q4");
    expect(quarterLabel(quarterOf(Date.UTC(2027, 0, 1), cal))).toBe("2027-Q1");
  });

  it("names a fiscal year by the calendar year it ends in", () => {
    const cal: FiscalCalendar = { startMonth: 7, timeZone: "UTC" };
    expect(quarterLabel(quarterOf(Date.UTC(2026, 6, 1), cal))).toBe("2027-Q1");
    expect(quarterLabel(quarterOf(Date.UTC(2026, 5, 30, 23), cal))).toBe("2026-Q4");
    expect(quarterLabel(quarterOf(Date.UTC(2027, 0, 15), cal))).toBe("2027-Q3");
  });

  it("uses the organisation's time zone at the boundary", () => {
    // 2026-12-31T23:30Z is already 2027 in Berlin.
    const instant = Date.UTC(2026, 11, 31, 23, 30);
    expect(quarterLabel(quarterOf(instant, { startMonth: 1, timeZone: "Europe/Berlin" }))).toBe("2027-Q1");
    expect(quarterLabel(quarterOf(instant, { startMonth: 1, timeZone: "America/New_York" }))).toBe("2026-Q4");
    expect(quarterStart({ year: 2027, q: 1 }, { startMonth: 1, timeZone: "Europe/Berlin" })).toBe(
      Date.UTC(2026, 11, 31, 23),
    );
  });

  it("puts every instant inside its own quarter's [start, end)", () => {
    fc.assert(
      fc.property(calendars, instants, (cal, t) => {
        const q = quarterOf(t, cal);
        expect(quarterStart(q, cal)).toBeLessThanOrEqual(t);
        expect(quarterEnd(q, cal)).toBeGreaterThan(t);
      }),
      SEED,
    );
  });

  it("puts a quarter's first instant in it and its last millisecond too, and the next instant in the next quarter", () => {
    fc.assert(
      fc.property(
        calendars,
        fc.integer({ min: 2001, max: 2039 }),
        fc.integer({ min: 1, max: 4 }),
        (cal, year, q) => {
          const quarter = { year, q };
          const start = quarterStart(quarter, cal);
          const end = quarterEnd(quarter, cal);
          expect(quarterOf(start, cal)).toEqual(quarter);
          expect(quarterOf(end - 1, cal)).toEqual(quarter);
          expect(quarterOf(end, cal)).toEqual(shiftQuarter(quarter, 1));
          expect(quarterOf(start - 1, cal)).toEqual(shiftQuarter(quarter, -1));
          const days = (end - start) / 86_400_000;
          expect(days).toBeGreaterThan(88.9); // 89 days (February) less a DST hour
          expect(days).toBeLessThan(92.1);
        },
      ),
      SEED,
    );
  });

  it("splits a quarter into 13 weeks, the first starting on the quarter's first day", () => {
    fc.assert(
      fc.property(calendars, instants, (cal, t) => {
        const q = quarterOf(t, cal);
        const w = weekOfQuarter(t, q, cal);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(12);
        expect(weekOfQuarter(quarterStart(q, cal), q, cal)).toBe(0);
        expect(weekOfQuarter(quarterEnd(q, cal) - 1, q, cal)).toBe(12);
      }),
      SEED,
    );
  });

  it("keeps local days across DST changes (Berlin, last Sunday of March)", () => {
    const cal = { startMonth: 1, timeZone: "Europe/Berlin" };
    const q = { year: 2026, q: 1 };
    // 2026-03-29 is the DST switch; 00:30 local on the 30th is still the same week index as the 29th's morning + 1 day.
    expect(weekOfQuarter(Date.UTC(2026, 2, 29, 22, 30), q, cal)).toBe(
      weekOfQuarter(Date.UTC(2026, 2, 30, 10), q, cal),
    );
  });

  it("round-trips labels and shifts across years", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: -20, max: 20 }),
        (year, q, by) => {
          const label = quarterLabel({ year, q });
          expect(parseQuarterLabel(label)).toEqual({ year, q });
          expect(shiftQuarter(shiftQuarter({ year, q }, by), -by)).toEqual({ year, q });
        },
      ),
      SEED,
    );
    expect(shiftQuarter({ year: 2026, q: 4 }, 1)).toEqual({ year: 2027, q: 1 });
    expect(shiftQuarter({ year: 2026, q: 1 }, -1)).toEqual({ year: 2025, q: 4 });
    expect(parseQuarterLabel("2026-Q5")).toBeUndefined();
  });
});
