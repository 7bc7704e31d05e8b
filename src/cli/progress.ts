import type { HistoryKind } from "../github/history.js";
import type { SyncProgress } from "../usecases/sync.js";
import type { Io } from "./command.js";
import { escapeControls } from "./command.js";
import type { CliDeps } from "./deps.js";

const KIND_NAMES: Record<HistoryKind, string> = {
  authored: "merged pull requests",
  reviewed: "reviews",
  closed: "closed issues",
};

const duration = (ms: number): string => {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
};

/** Redraws at most this often on a terminal. */
const REDRAW_MS = 200;

/**
 * Progress of a sync: on a terminal one line redrawn in place (items, rate, ETA, whose history); otherwise
 * a plain line each time it moves on to another person's history, which logs and CI keep readable.
 */
export const syncProgress = (io: Io, deps: CliDeps) => {
  const started = deps.now();
  let drawn = -Infinity;
  let stream = "";
  let width = 0;
  const lineOf = (p: SyncProgress): string => {
    const elapsed = deps.now() - started;
    // Under a second in, a rate or an ETA would be noise.
    const rate = elapsed < 1000 ? "—" : ((p.items / elapsed) * 1000).toFixed(1);
    const eta = elapsed < 1000 || p.done < 0.001 ? "—" : duration((elapsed * (1 - p.done)) / p.done);
    return `${p.items} items · ${rate}/s · ${Math.floor(p.done * 100)}% · ETA ${eta} · ${p.login}: ${KIND_NAMES[p.kind]}`;
  };
  return {
    update(p: SyncProgress): void {
      if (deps.progress.isTTY) {
        if (deps.now() - drawn < REDRAW_MS) return;
        drawn = deps.now();
        const text = escapeControls(lineOf(p));
        deps.progress.write(`\r${text}${" ".repeat(Math.max(0, width - text.length))}`);
        width = text.length;
        return;
      }
      const now = `${p.login}/${p.kind}`;
      if (now === stream) return;
      stream = now;
      io.err(lineOf(p));
    },
    /** Clears the terminal line before the summary is printed. */
    done(): void {
      if (deps.progress.isTTY && width > 0) deps.progress.write(`\r${" ".repeat(width)}\r`);
    },
  };
};
