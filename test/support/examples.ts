import { createRequire } from "node:module";
import type { WebhookDefinition } from "@octokit/webhooks-examples";
import type { WebhookEventMap, WebhookEventName } from "@octokit/webhooks-types";

// The package's JSON main is typed by its index.d.ts, which does not describe a default import under NodeNext.
export const definitions: WebhookDefinition[] = createRequire(import.meta.url)("@octokit/webhooks-examples");

type ExampleOf<N extends WebhookEventName, A> = A extends string
  ? Extract<WebhookEventMap[N], { action: A }>
  : WebhookEventMap[N];

/** A copy of a real webhook payload from @octokit/webhooks-examples, to override only what a test needs. */
export const example = <N extends WebhookEventName, A extends string | undefined = undefined>(
  name: N,
  action?: A,
): ExampleOf<N, A> => {
  const found = definitions
    .find((d) => d.name === name)
    ?.examples.find((e) => action === undefined || ("action" in e && e.action === action));
  if (!found) throw new Error(`no webhook example for ${name}${action ? `.${action}` : ""}`);
  return structuredClone(found) as ExampleOf<N, A>;
};

interface Targetable {
  repository: {
    name: string;
    full_name: string;
    owner: { login: string; type: "Bot" | "User" | "Organization" };
  };
}

/** Moves a delivery into another organization's repository (the examples all happen in Codertocat/Hello-World). */
export const inRepo = <T extends Targetable>(payload: T, org: string, name: string): T => ({
  ...payload,
  repository: {
    ...payload.repository,
    name,
    full_name: `${org}/${name}`,
    owner: { ...payload.repository.owner, login: org, type: "Organization" },
  },
});
