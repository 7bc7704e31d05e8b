import { z } from "zod";
import { GITHUB_LOGIN } from "./paths.js";

const login = z.string().regex(GITHUB_LOGIN, "not a GitHub login");
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "dates are YYYY-MM-DD");

/** Frontmatter of `people/<login>/profile.md`. */
export const ProfileFrontmatter = z.strictObject({
  /** Display name. */
  name: z.string().optional(),
  /** Current level id from the ladder, e.g. IC2. */
  level: z.string(),
  /** The manager's login; null at the top of the organisation. */
  manager: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'name the manager\'s login, or write "manager: null" at the top of the organisation'
          : undefined,
    })
    .regex(GITHUB_LOGIN, "not a GitHub login")
    .nullable(),
  mentor: login.optional(),
  /** Date the current level started. */
  since: date.optional(),
  /**
   * Dated changes, oldest first: earlier levels (each change of level is a promotion or a track change),
   * and changes of manager or mentor, so past quarters are judged by the org chart of their time
   * (domain/org-chart.ts). Each entry says what became true on `since`.
   */
  history: z
    .array(
      z
        .strictObject({
          since: date,
          level: z.string().optional(),
          manager: login.nullable().optional(),
          mentor: login.nullable().optional(),
        })
        .refine((e) => e.level !== undefined || e.manager !== undefined || e.mentor !== undefined, {
          message: "each history entry changes at least one of level, manager, mentor",
        }),
    )
    .default([]),
});

export interface Profile extends z.infer<typeof ProfileFrontmatter> {
  login: string;
  notes: string;
}

/** Frontmatter of `people/<login>/goals/<YYYY>-Q<n>.md`. */
export const GoalsFrontmatter = z.strictObject({
  /** Criteria of the path to the next level to focus on this quarter. */
  focus: z.array(z.string().max(100)).max(20).default([]),
});

export interface Goals {
  focus: string[];
  /** The engineer's own words. */
  text: string;
}

export { goalsPath, learningFolder, ledgerPath, profilePath } from "./paths.js";

/** GitHub logins are case-insensitive: the spelling of the person's folder in the career repo wins. */
export const canonicalLogin = (profiles: ReadonlyMap<string, unknown>, login: string): string => {
  if (profiles.has(login)) return login;
  const lower = login.toLowerCase();
  for (const known of profiles.keys()) if (known.toLowerCase() === lower) return known;
  return login;
};
