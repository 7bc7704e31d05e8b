import { Octokit } from "@octokit/rest";
import type { Sandbox } from "../../src/sandbox/index.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A plain Octokit (no retry, no throttling) that talks to the sandbox. */
export const octokitFor = (sandbox: Sandbox): Octokit =>
  new Octokit({ request: { fetch: sandbox.fetch }, log: quiet });

export interface FailedRequest {
  message: string;
  status: number;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/** The error an Octokit call failed with, as a client sees it; fails the test if the call succeeded. */
export const failure = async (call: Promise<unknown>): Promise<FailedRequest> => {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof Error) || !("status" in error) || typeof error.status !== "number") throw error;
    const response = "response" in error && typeof error.response === "object" ? error.response : undefined;
    const headers =
      response && "headers" in response && typeof response.headers === "object" ? response.headers : {};
    const data = response && "data" in response ? response.data : undefined;
    return { message: error.message, status: error.status, headers: { ...headers }, data };
  }
  throw new Error("expected the request to fail, but it succeeded");
};

export interface FailedQuery {
  message: string;
  errors: { type?: string; path?: (string | number)[]; message: string }[];
  data: unknown;
}

/** The error an `octokit.graphql` call failed with (GitHub answers 200 with `errors`). */
export const graphqlFailure = async (call: Promise<unknown>): Promise<FailedQuery> => {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof Error) || !("errors" in error) || !Array.isArray(error.errors)) throw error;
    return { message: error.message, errors: error.errors, data: "data" in error ? error.data : undefined };
  }
  throw new Error("expected the query to fail, but it succeeded");
};

export const base64 = (text: string): string => Buffer.from(text).toString("base64");
