/** The sandbox's only source of time: nothing reads the wall clock. */
export interface Clock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export const createClock = (start: number): Clock => {
  let current = start;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
};

/** GitHub writes timestamps to the second: "2024-01-01T00:00:00Z". */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

export const epochSeconds = (ms: number): number => Math.floor(ms / 1000);

/** Parses an ISO timestamp from a payload; undefined when absent or unreadable. */
export const parseTime = (iso: string | null | undefined): number | undefined => {
  if (!iso) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
};
