import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TextFile } from "../domain/ladder/load.js";
import { SETTINGS_PATH } from "../domain/paths.js";
import { readTree } from "./files.js";

const under = (dir: string, folder: string): TextFile[] => {
  const full = join(dir, folder);
  return existsSync(full) && statSync(full).isDirectory()
    ? readTree(full).map((f) => ({ ...f, path: `${folder}/${f.path}` }))
    : [];
};

/**
 * The files a report on one person needs from a checkout: settings, ladder, every profile (the org
 * chart) and that person's own folder. Nobody else's goals or ledgers are read, so a 1,000-person
 * career repo reports on one person quickly, and their broken files cannot get in the way.
 */
export const readForPerson = (dir: string, login: string): TextFile[] => {
  const files: TextFile[] = [];
  const settings = join(dir, SETTINGS_PATH);
  if (existsSync(settings)) files.push({ path: SETTINGS_PATH, text: readFileSync(settings, "utf8") });
  files.push(...under(dir, "ladder"));
  const people = join(dir, "people");
  const folders = existsSync(people) ? readdirSync(people).sort() : [];
  for (const name of folders) {
    if (name.toLowerCase() === login.toLowerCase()) {
      files.push(...under(dir, `people/${name}`));
      continue;
    }
    const profile = join(people, name, "profile.md");
    if (existsSync(profile) && statSync(profile).isFile())
      files.push({ path: `people/${name}/profile.md`, text: readFileSync(profile, "utf8") });
  }
  return files;
};
