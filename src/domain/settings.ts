import { z } from "zod";
import { Consistency } from "./ladder/schema.js";
import { isTimeZone } from "./quarter.js";

// Every field's description is its documentation: it flows into schema/rungs-settings.schema.json
// (editors) and docs/configuration.md, both generated from this file (npm run schema).

const strings = (defaults: string[], description: string) =>
  z.array(z.string()).default(defaults).describe(description);

const Signals = (what: string, d: { labels?: string[]; title_prefixes?: string[]; paths?: string[] }) =>
  z
    .strictObject({
      labels: strings(d.labels ?? [], "Any of these labels (case-insensitive)."),
      title_prefixes: strings(
        d.title_prefixes ?? [],
        'Conventional Commit types at the start of a title: `feat` matches "feat: …", "feat(ui): …", "feat!: …".',
      ),
      paths: strings(
        d.paths ?? [],
        "Glob patterns (`*`, `**`) of changed files; one matching file is enough.",
      ),
    })
    .prefault({})
    .describe(what);

/** `.github/rungs.yml` in the career repo (and optionally the organisation's `.github` repo). */
export const Settings = z.strictObject({
  _extends: z
    .string()
    .optional()
    .describe(
      "Probot convention: `.github` to inherit the organisation's `.github/rungs.yml`; this file's fields win.",
    ),
  career_repo: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .default("careers")
    .describe(
      "Name of the private career repo in the organisation (set it in the organisation's `.github` repo).",
    ),
  fiscal_year_start_month: z
    .number()
    .int()
    .min(1)
    .max(12)
    .default(1)
    .describe(
      "Month the fiscal year starts, 1 = January. A fiscal year is named by the calendar year it ends in.",
    ),
  time_zone: z
    .string()
    .default("UTC")
    .refine(isTimeZone, { message: "not an IANA time zone, e.g. Europe/Berlin" })
    .describe("IANA time zone in which quarters and weeks begin, e.g. Europe/Berlin."),
  classification: z
    .strictObject({
      design_doc: Signals("Pull requests that are design docs or ADRs (architecture-decisions).", {
        labels: ["design-doc", "adr", "rfc"],
        paths: ["docs/adr/**", "docs/adrs/**", "docs/decisions/**", "docs/design/**", "adr/**", "rfcs/**"],
      }),
      feature: Signals("Pull requests that ship a feature.", {
        labels: ["feature", "enhancement"],
        title_prefixes: ["feat"],
      }),
      bugfix: Signals("Pull requests that fix a bug.", {
        labels: ["bug", "bugfix"],
        title_prefixes: ["fix"],
      }),
      docs: Signals("Pull requests that change documentation.", {
        labels: ["documentation", "docs"],
        title_prefixes: ["docs"],
      }),
      incident: Signals("Issues that are incidents handled.", { labels: ["incident"] }),
      escalated: Signals("Incidents that were escalated (not handled independently).", {
        labels: ["escalated"],
      }),
      spec: Signals("Issues that are a spec or feature owned from spec to launch.", {
        labels: ["spec", "feature", "epic"],
      }),
    })
    .prefault({})
    .describe(
      "What classifies pull requests and issues. For pull requests the first class that matches wins: design doc, feature, bug fix, docs, else other.",
    ),
  small: z
    .strictObject({
      max_lines: z
        .number()
        .int()
        .min(1)
        .default(400)
        .describe("A small pull request changes at most this many lines (additions + deletions)."),
    })
    .prefault({})
    .describe('What "small" means for a pull request.'),
  excluded_repos: strings(
    [],
    "Repositories (names or `owner/name`, `*` globs) whose activity is not evidence.",
  ),
  bots: strings([], "Logins treated as bots, besides `[bot]` accounts and known AI reviewers."),
  consistency: Consistency.optional().describe(
    "Overrides every level's readiness rule: all criteria met in `quarters` of the last `of` quarters.",
  ),
  admins: z
    .strictObject({
      users: strings([], "Logins."),
      teams: strings([], "Team slugs in the organisation."),
    })
    .prefault({})
    .describe("Who may act on anyone's goals, besides the engineer and their manager."),
  privacy: z
    .strictObject({
      tagging: z
        .boolean()
        .default(false)
        .describe("Label counted PRs and issues with `rungs: <criterion>`, in private repositories only."),
      allow_public_career_repo: z
        .boolean()
        .default(false)
        .describe("Allow evidence in a public career repo. Evidence about people is sensitive: leave off."),
    })
    .prefault({})
    .describe("By default Rungs writes nothing outside the career repo."),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings = (): Settings => Settings.parse({});

/** Probot's `_extends`: the extending file's fields win, objects merge one level deep. */
export const mergeSettingsData = (base: Record<string, unknown>, own: Record<string, unknown>) => {
  const merged: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(own)) {
    const b = merged[k];
    merged[k] =
      v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object" && !Array.isArray(b)
        ? { ...b, ...v }
        : v;
  }
  delete merged._extends;
  return merged;
};
