import { githubError } from "./errors.js";

export interface IncomingRequest {
  method: string;
  url: URL;
  body: unknown;
}

/** Reads what a fetch caller sent, whichever of fetch's argument shapes it used. */
export const readRequest = async (
  input: string | URL | Request,
  init: RequestInit | undefined,
): Promise<IncomingRequest> => {
  const request = input instanceof Request ? input : undefined;
  const url = new URL(request ? request.url : input instanceof URL ? input.href : input);
  const method = (init?.method ?? request?.method ?? "GET").toUpperCase();
  const text =
    init?.body != null ? await new Response(init.body).text() : request ? await request.text() : "";
  return { method, url, body: text === "" ? undefined : parseJson(text) };
};

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    throw githubError(400, "Problems parsing JSON");
  }
};
