/**
 * Quarters of a fiscal calendar in an organisation's time zone. Pure: instants are passed in.
 * A fiscal year is named by the calendar year it ends in (a year starting in July 2026 is FY2027),
 * so `2027-Q1` is July–September 2026 when the fiscal year starts in July. See docs/metrics.md.
 */
export interface FiscalCalendar {
  /** 1 = January. */
  startMonth: number;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
}

export interface Quarter {
  /** Fiscal year, named by the calendar year it ends in. */
  year: number;
  /** 1–4. */
  q: number;
}

export const WEEKS_PER_QUARTER = 13;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
};

export const isTimeZone = (timeZone: string): boolean => {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
};

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const localTime = (instant: number, timeZone: string): LocalTime => {
  // The same instants come back with every event (a quarter's items, its bounds): the zone lookup is
  // the cost, so its answers are remembered (bounded).
  const key = `${instant}|${timeZone}`;
  const known = localTimes.get(key);
  if (known) return { ...known };
  const t = zoneLookup(instant, timeZone);
  if (localTimes.size >= LOCAL_TIMES_REMEMBERED) localTimes.clear();
  localTimes.set(key, t);
  return { ...t };
};
const LOCAL_TIMES_REMEMBERED = 100_000;
const localTimes = new Map<string, LocalTime>();

const zoneLookup = (instant: number, timeZone: string): LocalTime => {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
};

/** Milliseconds the zone is ahead of UTC at an instant (second precision, as time zones are). */
const offsetAt = (instant: number, timeZone: string): number => {
  const t = localTime(instant, timeZone);
  const asUtc = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
};

/** The first instant at or after local midnight of a calendar day in a zone. */
export const startOfLocalDay = (year: number, month: number, day: number, timeZone: string): number => {
  const wall = Date.UTC(year, month - 1, day);
  let t = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(t, timeZone);
  if (second !== t) t = Math.min(t, second);
  // Where midnight does not exist (a DST jump at 00:00) the day starts at the first instant after the gap.
  while (localDayNumber(t, timeZone) < Math.floor(wall / DAY_MS)) t += 15 * 60_000;
  while (localDayNumber(t - 1, timeZone) >= Math.floor(wall / DAY_MS)) t -= 15 * 60_000;
  return t;
};

const localDayNumber = (instant: number, timeZone: string): number => {
  const t = localTime(instant, timeZone);
  return Math.floor(Date.UTC(t.year, t.month - 1, t.day) / DAY_MS);
};

export const quarterOf = (instant: number, cal: FiscalCalendar): Quarter => {
  const t = localTime(instant, cal.timeZone);
  const index = (t.month - cal.startMonth + 12) % 12;
  const endsNextYear = cal.startMonth !== 1 && t.month >= cal.startMonth;
  return { year: endsNextYear ? t.year + 1 : t.year, q: Math.floor(index / 3) + 1 };
};

export const quarterLabel = (q: Quarter): string => `${q.year}-Q${q.q}`;

const LABEL = /^(\d{4})-Q([1-4])$/;
export const parseQuarterLabel = (label: string): Quarter | undefined => {
  const m = LABEL.exec(label);
  return m ? { year: Number(m[1]), q: Number(m[2]) } : undefined;
};

export const shiftQuarter = (quarter: Quarter, by: number): Quarter => {
  const n = quarter.year * 4 + (quarter.q - 1) + by;
  return { year: Math.floor(n / 4), q: (n % 4) + 1 };
};

export const compareQuarters = (a: Quarter, b: Quarter): number => a.year * 4 + a.q - (b.year * 4 + b.q);

/** Calendar year and month (1-based) on which a fiscal quarter starts. */
const firstMonth = (quarter: Quarter, cal: FiscalCalendar): { year: number; month: number } => {
  const fiscalStartYear = cal.startMonth === 1 ? quarter.year : quarter.year - 1;
  const m0 = cal.startMonth - 1 + (quarter.q - 1) * 3;
  return { year: fiscalStartYear + Math.floor(m0 / 12), month: (m0 % 12) + 1 };
};

/** The quarter's first instant. */
export const quarterStart = (quarter: Quarter, cal: FiscalCalendar): number => {
  const { year, month } = firstMonth(quarter, cal);
  return startOfLocalDay(year, month, 1, cal.timeZone);
};

/** The next quarter's first instant: a quarter holds [start, end). */
export const quarterEnd = (quarter: Quarter, cal: FiscalCalendar): number =>
  quarterStart(shiftQuarter(quarter, 1), cal);

/**
 * Week of the quarter, 0–12, counted in local calendar days from the quarter's first day;
 * the thirteenth week holds 5–8 days (quarters have 89–92 days).
 */
export const weekOfQuarter = (instant: number, quarter: Quarter, cal: FiscalCalendar): number => {
  const { year, month } = firstMonth(quarter, cal);
  const first = Math.floor(Date.UTC(year, month - 1, 1) / DAY_MS);
  const days = localDayNumber(instant, cal.timeZone) - first;
  return Math.max(0, Math.min(WEEKS_PER_QUARTER - 1, Math.floor(days / 7)));
};
