import type { RepoState } from "../state/repo.js";

export const API = "https://api.github.com";
export const WEB = "https://github.com";

/** Logins like "rungs[bot]" must be escaped to make valid URLs. */
export const loginPath = (login: string): string => encodeURIComponent(login);

export const repoApi = (repo: RepoState, path = ""): string =>
  `${API}/repos/${repo.info.owner}/${repo.info.name}${path}`;

export const repoWeb = (repo: RepoState, path = ""): string =>
  `${WEB}/${repo.info.owner}/${repo.info.name}${path}`;

/** Encodes each segment of a file path but keeps its slashes. */
export const filePath = (path: string): string => path.split("/").map(encodeURIComponent).join("/");
