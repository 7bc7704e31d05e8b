export const DOCS_URL = "https://docs.github.com/rest";

/** A GitHub error answer. Route handlers throw it; the server turns it into the response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers: Record<string, string> = {},
  ) {
    super(typeof body.message === "string" ? body.message : `HTTP ${status}`);
  }
}

/** GitHub's error body: `{ message, documentation_url, status }` (status is a string). */
export const githubError = (
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
): HttpError =>
  new HttpError(status, { message, ...extra, documentation_url: DOCS_URL, status: String(status) });

export const notFound = (): HttpError => githubError(404, "Not Found");

export const conflict = (message: string): HttpError => githubError(409, message);

export const unprocessable = (message: string): HttpError => githubError(422, message);

export interface FieldError {
  resource: string;
  code: "missing" | "missing_field" | "invalid" | "already_exists" | "unprocessable" | "custom";
  field?: string;
  message?: string;
}

export const validationFailed = (...errors: FieldError[]): HttpError =>
  githubError(422, "Validation Failed", { errors });
