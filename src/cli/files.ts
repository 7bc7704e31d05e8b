import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { TextFile } from "../domain/ladder/load.js";

const SKIP = new Set([".git", "node_modules"]);
const READ_LIMIT = 2_000_000;

/** Every file below `dir` as text, paths relative to it with `/`. Oversized files are cut, so checks can name them. */
export const readTree = (dir: string): TextFile[] => {
  const out: TextFile[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (SKIP.has(name)) continue;
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile()) {
        const path = relative(dir, full).split(sep).join("/");
        const text = st.size > READ_LIMIT ? "x".repeat(READ_LIMIT) : readFileSync(full).toString("utf8");
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
