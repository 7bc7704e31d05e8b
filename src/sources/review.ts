import type { z } from "zod";
import { canonicalLogin } from "../domain/profile.js";
import { reviewItem } from "../domain/review-evidence.js";
import { whyActorIgnored } from "../domain/scope.js";
import { inlineComments, reviewSelection } from "../github/review-facts.js";
import { ReviewSubmitted } from "./payloads.js";
import { type EvidenceSource, repoIgnored } from "./source.js";

type Payload = z.infer<typeof ReviewSubmitted>;

/** A review given is evidence for the reviewer (and mentorship when the author is an intern). */
export const review: EvidenceSource<Payload, number> = {
  event: "pull_request_review.submitted",
  payload: ReviewSubmitted,
  operation: "RungsReview",
  ignored: ({ review: r, pull_request: pr, repository }, config) => {
    if (!r.user) return "review without a user";
    if (!r.submitted_at) return "review not submitted";
    if (r.user.login.toLowerCase() === pr.user.login.toLowerCase())
      return "author reviewing their own pull request";
    if (pr.draft) return "draft pull request";
    return (
      whyActorIgnored(r.user, config.settings) ??
      whyActorIgnored(pr.user, config.settings) ??
      repoIgnored(repository, config)
    );
  },
  credits: ({ review: r }, config) =>
    r.user && r.submitted_at
      ? [{ login: canonicalLogin(config.profiles, r.user.login), at: r.submitted_at }]
      : [],
  selection: (p) => reviewSelection(p.review.node_id),
  facts: async (_github, _p, data) => inlineComments(data),
  items: ({ review: r, pull_request: pr, repository }, comments, config, recordedAt) => {
    if (!r.user || !r.submitted_at) return [];
    const login = canonicalLogin(config.profiles, r.user.login);
    const author = canonicalLogin(config.profiles, pr.user.login);
    const item = reviewItem(
      {
        prNodeId: pr.node_id,
        reviewer: login,
        repo: repository.full_name,
        number: pr.number,
        title: pr.title,
        url: r.html_url,
        state: r.state,
        submittedAt: r.submitted_at,
        prAuthor: author,
        prAuthorLevel: config.profiles.get(author)?.level,
        body: r.body ?? "",
        inlineComments: comments,
      },
      recordedAt,
    );
    return [{ login, item }];
  },
};
