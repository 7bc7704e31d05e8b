import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { TextFile } from "../domain/ladder/load.js";

const SKIP = new Set([".git", "node_modules"]);
/** Files above this are not read: their size alone is reported (checks reject anything over 1 MB). */
const READ_LIMIT = 64 * 1024 * 1024;

/** Every file below `dir` as text, paths relative to it with `/`. */
export const readTree = (dir: string): TextFile[] => {
  const out: TextFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (SKIP.has(name)) continue;
      const full = join(d, name);
      // lstat: a symbolic link (perhaps dangling, perhaps out of the checkout) is not followed.
      const st = lstatSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) {
        const path = relative(dir, full).split(sep).join("/");
        // A file too big to read stands in as text just over the limit: the size check still names it.
        const text = st.size > READ_LIMIT ? " ".repeat(READ_LIMIT + 1) : readFileSync(full).toString("utf8");
        out.push({ path, text });
      }
    }
  };
  walk(dir);
  return out;
};

/** The project's root folder, from `src/cli` or `lib/cli` alike. */
export const projectRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const bundledLadder = (): TextFile[] =>
  readTree(join(projectRoot(), "ladder")).map((f) => ({ ...f, path: `ladder/${f.path}` }));

const statOf = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};
export const isDirectory = (path: string): boolean => statOf(path)?.isDirectory() ?? false;
export const isFile = (path: string): boolean => statOf(path)?.isFile() ?? false;
