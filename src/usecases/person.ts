import { loadPerson, type PersonFiles, parseProfile } from "../domain/career-repo.js";
import { type ParsedFiles, type QuarterLedger, readQuarterLedger } from "../domain/ledger.js";
import { goalsPath, ledgerPath, pendingPath, profilePath, shardFolder } from "../domain/paths.js";
import { type Problem, problemAt } from "../domain/problem.js";
import type { Profile } from "../domain/profile.js";
import { type Quarter, quarterLabel, shiftQuarter } from "../domain/quarter.js";
import { ledgerQuarters } from "../domain/report.js";
import type { Signer } from "../domain/signature.js";
import type { CareerFile, CareerRead } from "../github/career-files.js";
import type { RungsConfig } from "../github/config.js";

/** The career-repo files and folders that one person's quarter needs, read in the event's one request. */
export const personReads = (
  config: RungsConfig,
  login: string,
  quarter: Quarter,
): { files: string[]; folders: string[] } => {
  const quarters = Array.from({ length: ledgerQuarters(config.settings, config.ladder) + 1 }, (_, k) =>
    quarterLabel(shiftQuarter(quarter, -k)),
  );
  const q = quarterLabel(quarter);
  return {
    files: [
      profilePath(login),
      goalsPath(login, q),
      pendingPath(login, q),
      ...quarters.map((e) => ledgerPath(login, e)),
    ],
    folders: quarters.map((e) => shardFolder(login, e)),
  };
};

/** A person as one event sees them: their profile as it stands now, and their goals and ledgers. */
export type PersonState =
  | { status: "no-profile" }
  | { status: "broken-profile"; problems: Problem[] }
  | { status: "ok"; profile: Profile; files: PersonFiles };

const personFiles = (read: CareerRead, login: string): CareerFile[] => {
  const prefix = `people/${login}/`.toLowerCase();
  return [...read.files.values()].filter((f) => f.path.toLowerCase().startsWith(prefix));
};

/**
 * The person's profile is read fresh with the event (a profile added a minute ago counts at once, on
 * every instance); it must parse and name a level of the ladder. Their other files are checked each
 * on its own: a broken goals or ledger file is reported and left out, never blocking the rest.
 */
export const personState = (
  config: RungsConfig,
  login: string,
  read: CareerRead,
  reader: { signer: Signer; parsed?: ParsedFiles | undefined },
): PersonState => {
  const file = read.files.get(profilePath(login));
  if (!file?.sha) return { status: "no-profile" };
  const parsed = parseProfile(file.path, login, file.text ?? "");
  if (!parsed.ok) return { status: "broken-profile", problems: parsed.problems };
  // The org-chart checks (manager, cycles) are reported when the config loads; for recording, the
  // profile as it now stands is enough if its level exists.
  if (!config.ladder.levels.has(parsed.value.level)) {
    const levels = [...config.ladder.levels.keys()].sort().join(", ");
    return {
      status: "broken-profile",
      problems: [
        problemAt(
          file.path,
          `level: "${parsed.value.level}" is not a level of the ladder (levels: ${levels})`,
        ),
      ],
    };
  }
  return {
    status: "ok",
    profile: parsed.value,
    files: loadPerson(config.ladder, login, personFiles(read, login), reader.signer, reader.parsed),
  };
};

/** The quarter's ledger from a person's files, or an empty one when nothing is recorded yet. */
export const quarterLedger = (
  files: PersonFiles | undefined,
  login: string,
  quarter: string,
): QuarterLedger =>
  files?.ledgers.get(quarter) ??
  readQuarterLedger({ login, quarter }, { path: ledgerPath(login, quarter) }, [], {
    path: pendingPath(login, quarter),
  });
