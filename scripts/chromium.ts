/**
 * Headless Chromium (Debian's `chromium`) for the demo page: its DOM as the browser built it, and
 * screenshots. No driver: the command line's --dump-dom and --screenshot are enough.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";

const NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** The browser to use: $CHROMIUM when set, else the first of the usual names on PATH; undefined when none. */
export const findChromium = (): string | undefined => {
  const executable = (path: string) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  if (process.env.CHROMIUM) return executable(process.env.CHROMIUM) ? process.env.CHROMIUM : undefined;
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const name of NAMES) for (const dir of dirs) if (executable(join(dir, name))) return join(dir, name);
  return undefined;
};

export interface ChromiumRun {
  stdout: string;
  /** What the browser logged: page console messages, CSP refusals and script errors show here. */
  stderr: string;
}

/** Runs headless Chromium on a local file with a profile of its own (runs never share a lock). */
export const runChromium = (
  chromium: string,
  file: string,
  args: string[],
  opts: { hash?: string; timeoutMs?: number } = {},
): Promise<ChromiumRun> => {
  const profile = mkdtempSync(join(tmpdir(), "rungs-chromium-"));
  const url = `${pathToFileURL(file).href}${opts.hash ? `#${opts.hash}` : ""}`;
  const argv = [
    "--headless",
    "--disable-gpu",
    "--no-sandbox",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
    `--user-data-dir=${profile}`,
    ...args,
    url,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      chromium,
      argv,
      { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        rmSync(profile, { recursive: true, force: true });
        if (error) reject(new Error(`${chromium} ${argv.join(" ")}: ${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
};

/** The DOM the browser built from the page, serialised. */
export const dumpDom = async (chromium: string, file: string): Promise<ChromiumRun> =>
  runChromium(chromium, file, ["--dump-dom"]);

/** A PNG of the page (scrolled to `hash` when given) at the window size, written to `png`. */
export const screenshot = async (
  chromium: string,
  file: string,
  png: string,
  size: { width: number; height: number },
  hash?: string,
): Promise<ChromiumRun> =>
  runChromium(
    chromium,
    file,
    [`--screenshot=${png}`, `--window-size=${size.width},${size.height}`],
    hash ? { hash } : {},
  );
