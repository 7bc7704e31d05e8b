import { validationFailed } from "../http/errors.js";

/** GitHub's limit on issue, pull request and comment bodies, in characters. */
export const MAX_BODY_LENGTH = 65_536;

export const checkBodyLength = (
  resource: "Issue" | "IssueComment" | "PullRequest",
  body: string | null | undefined,
) => {
  if (body && body.length > MAX_BODY_LENGTH) {
    throw validationFailed({
      resource,
      code: "custom",
      field: "body",
      message: `body is too long (maximum is ${MAX_BODY_LENGTH} characters)`,
    });
  }
};
