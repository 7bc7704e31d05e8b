/** A problem in a file a person wrote, pointing at the place to fix it. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export const formatProblem = (p: Problem): string => `${p.file}:${p.line}:${p.column}: ${p.message}`;

export const problemAt = (file: string, message: string, line = 1, column = 1): Problem => ({
  file,
  line,
  column,
  message,
});

/** Either a value or every problem found on the way to it. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
export const failed = <T>(problems: Problem[]): Checked<T> => ({ ok: false, problems });
