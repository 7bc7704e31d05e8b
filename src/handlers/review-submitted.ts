import type { z } from "zod";
import { parseProfile } from "../domain/career-repo.js";
import { reviewItem } from "../domain/evidence-from.js";
import { canonicalLogin, profilePath } from "../domain/profile.js";
import { quarterOf } from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import { readCareerFiles } from "../github/career-files.js";
import type { UseCaseContext } from "../usecases/context.js";
import { careerPathsFor, recordEvidence } from "../usecases/record-evidence.js";
import { whyIgnored } from "./guards.js";
import type { ReviewSubmitted } from "./payloads.js";

/** A review given is evidence for the reviewer (and mentorship when the author is an intern). */
export const onReviewSubmitted = async (ctx: UseCaseContext, payload: z.infer<typeof ReviewSubmitted>) => {
  const { review, pull_request: pr, repository } = payload;
  const reviewer = review.user;
  const ignored = !reviewer
    ? "review without a user"
    : !review.submitted_at
      ? "review not submitted"
      : reviewer.login.toLowerCase() === pr.user.login.toLowerCase()
        ? "author reviewing their own pull request"
        : pr.draft
          ? "draft pull request"
          : whyIgnored(ctx.config, repository, reviewer, pr.user);
  if (ignored || !reviewer || !review.submitted_at)
    return ctx.log.debug({ pr: pr.number, reason: ignored }, "ignored");
  const quarter = quarterOf(Date.parse(review.submitted_at), calendarOf(ctx.config.settings));
  const login = canonicalLogin(ctx.config.profiles, reviewer.login);
  const author = canonicalLogin(ctx.config.profiles, pr.user.login);
  const authorProfile = profilePath(author);
  const read = await readCareerFiles(
    ctx.github,
    ctx.config.career,
    [...careerPathsFor(ctx.config, login, quarter), authorProfile],
    undefined,
    "RungsReview",
  );
  const authorFile = read.files.get(authorProfile);
  const parsed = authorFile?.sha ? parseProfile(authorProfile, author, authorFile.text ?? "") : undefined;
  const authorLevel = parsed?.ok ? parsed.value.level : ctx.config.profiles.get(author)?.level;
  const item = reviewItem(
    {
      prNodeId: pr.node_id,
      reviewer: login,
      repo: repository.full_name,
      number: pr.number,
      title: pr.title,
      url: review.html_url,
      state: review.state,
      submittedAt: review.submitted_at,
      prAuthor: author,
      prAuthorLevel: authorLevel,
    },
    new Date(ctx.now()).toISOString(),
  );
  await recordEvidence(ctx, { login, quarter, items: [item] }, read.files, read.head);
};
