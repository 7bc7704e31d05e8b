import { type Role, rolesOf } from "../domain/authorization.js";
import { isBot } from "../domain/bots.js";
import { parseCommands } from "../domain/commands.js";
import {
  applyComment,
  type CommandScope,
  type CriterionInfo,
  type GoalComment,
} from "../domain/goal-commands.js";
import { GOAL_LABEL, goalIssueMarker } from "../domain/goal-issue.js";
import { tickedFocus, withFocus } from "../domain/goals-file.js";
import type { Ledger, LedgerShard } from "../domain/ledger.js";
import { goalsPath } from "../domain/paths.js";
import {
  parseQuarterLabel,
  type Quarter,
  quarterEnd,
  quarterLabel,
  quarterStart,
} from "../domain/quarter.js";
import { calendarOf } from "../domain/report.js";
import type { CareerRead } from "../github/career-files.js";
import { alreadySaid, getComment, react, replyOnce, teamsOf } from "../github/comments.js";
import { getIssue } from "../github/goal-issues.js";
import { textFormat, updateCareerFile } from "../github/ledger-store.js";
import {
  failureReply,
  helpReply,
  outsiderReply,
  packetRefusedReply,
  packetReply,
  replyMarker,
  undoneReply,
} from "../render/command-replies.js";
import type { IssueCommentEvent, IssueEdited } from "../sources/payloads.js";
import type { UseCaseContext } from "./context.js";
import { personState } from "./person.js";
import { creditPerson, readFor, refusedNow } from "./pipeline.js";
import { openOrRefreshPacket, refreshOpenPacket } from "./promotion-packet.js";
import { shardFormat, writeDeps } from "./record-evidence.js";
import { headFormat } from "./sync-goal-issue.js";

/**
 * Commands on a goal issue (docs: README "Commands"): who may act, what the comment does to the
 * ledger (domain/goal-commands.ts), and the answer — 👀 while working, then 👍, or 😕 with a reply.
 */

interface GoalIssueRef {
  login: string;
  quarter: Quarter;
  number: number;
}

type Issue = IssueCommentEvent["issue"];
type Repo = IssueCommentEvent["repository"];

/** The goal issue a delivery is about, or why it is not one (then it is ignored). */
const goalIssueOf = (ctx: UseCaseContext, repository: Repo, issue: Issue): GoalIssueRef | string => {
  const { career } = ctx.config;
  if (repository.full_name.toLowerCase() !== `${career.owner}/${career.repo}`.toLowerCase())
    return "not the career repo";
  if (issue.pull_request) return "a pull request";
  if (!issue.labels.some((l) => l.name.toLowerCase() === GOAL_LABEL)) return "not a goal issue";
  const first = (issue.body ?? "").split("\n", 1)[0]?.trim() ?? "";
  const quarter = parseQuarterLabel(/ quarter=(\d{4}-Q[1-4]) -->$/.exec(first)?.[1] ?? "");
  if (!quarter) return "no goal-issue marker";
  const label = quarterLabel(quarter);
  const login = [...ctx.config.profiles.keys()].find((l) => goalIssueMarker(l, label) === first);
  if (!login) return "the marker names nobody with a profile";
  return { login, quarter, number: issue.number };
};

/** The person's state and the quarter's ledger, if this issue is the one recorded for them. */
const personOf = async (ctx: UseCaseContext, where: GoalIssueRef, operation: string) => {
  const read = await readFor(ctx, [where], operation);
  if (refusedNow(ctx, read)) return undefined;
  const state = personState(ctx.config, where.login, read, ctx);
  if (state.status !== "ok") {
    ctx.log.warn(
      { login: where.login, status: state.status },
      "commands skipped: the person's profile is missing or broken",
    );
    return undefined;
  }
  const ledger = state.files.ledgers.get(quarterLabel(where.quarter));
  const head = ledger?.head.parsed?.ok ? ledger.head.parsed.value : undefined;
  if (!ledger || head?.goal_issue !== where.number) {
    ctx.log.debug({ reason: "not the recorded goal issue" }, "ignored");
    return undefined;
  }
  return { read, state, ledger, head };
};

const rolesFor = async (
  ctx: UseCaseContext,
  actor: string,
  login: string,
  profile: Parameters<typeof rolesOf>[2],
) => {
  const { admins } = ctx.config.settings;
  const byLogin = rolesOf(actor, login, profile, admins, []);
  if (byLogin.includes("admin") || admins.teams.length === 0) return byLogin;
  const teams = await teamsOf(ctx.github, ctx.config.owner, actor, admins.teams);
  return rolesOf(actor, login, profile, admins, teams);
};

const criteriaOf = (ctx: UseCaseContext, level: string): CriterionInfo[] =>
  (ctx.config.ladder.levels.get(level)?.criteria ?? []).map((c) => ({
    id: c.id,
    title: c.title,
    manual: c.rule.kind === "manual",
  }));

const refreshGoalIssue = async (ctx: UseCaseContext, where: GoalIssueRef) => {
  const read: CareerRead = await readFor(ctx, [where], "RungsCommandRefresh");
  await creditPerson(ctx, { login: where.login, quarter: where.quarter, items: [], refresh: true }, read);
};

/** Writes the goals file's `focus`, keeping the engineer's words; false when it already says so. */
const writeFocus = async (
  ctx: UseCaseContext,
  read: CareerRead,
  where: GoalIssueRef,
  focus: readonly string[],
  current: readonly string[],
  by: string,
): Promise<boolean> => {
  const same = new Set(current);
  if (focus.length === same.size && focus.every((f) => same.has(f))) return false;
  const path = goalsPath(where.login, quarterLabel(where.quarter));
  const first = read.files.get(path) ?? { path };
  await updateCareerFile(
    writeDeps(ctx),
    path,
    textFormat,
    first,
    (text) => {
      const next = withFocus(text || undefined, focus);
      return next === text ? text : next;
    },
    `rungs: ${where.login} focuses on ${focus.join(", ") || "nothing in particular"} in ${quarterLabel(where.quarter)} (by ${by})`,
  );
  return true;
};

/** A level as the ladder spells it, whatever case it was typed in. */
const levelId = (ctx: UseCaseContext, typed: string | undefined): string | undefined =>
  typed === undefined
    ? undefined
    : ([...ctx.config.ladder.levels.keys()].find((l) => l.toLowerCase() === typed.toLowerCase()) ?? typed);

/** `/promote`: opens or refreshes the packet (recorded with the quarter), and says what happened. */
const promote = async (
  ctx: UseCaseContext,
  where: GoalIssueRef,
  actor: string,
  typed: string | undefined,
): Promise<string> => {
  const outcome = await openOrRefreshPacket(ctx, where.login, {
    requestedBy: actor,
    target: levelId(ctx, typed),
    template: ctx.templates.packet,
  });
  if (outcome.status === "refused") return packetRefusedReply(outcome);
  if (outcome.status === "dry-run") return packetRefusedReply({ message: "a dry run writes nothing" });
  return packetReply(outcome);
};

/** `/refresh`, or new evidence: an open packet is re-run (verified again, its check re-run). */
export const refreshPacket = async (ctx: UseCaseContext, login: string): Promise<void> => {
  await refreshOpenPacket(ctx, login, { template: ctx.templates.packet });
};

/** Whether a comment body holds anything Rungs would read as a command. */
const hasCommands = (body: string | null | undefined): boolean => parseCommands(body ?? "").length > 0;

const labelled = (issue: Issue): boolean =>
  !issue.pull_request && issue.labels.some((l) => l.name.toLowerCase() === GOAL_LABEL);

/** A comment that may hold commands on a goal issue (checked before any request is made). */
export const mayHoldCommands = (payload: IssueCommentEvent): boolean =>
  labelled(payload.issue) && (hasCommands(payload.comment.body) || hasCommands(payload.changes?.body?.from));

/** An edit of a goal issue that may have ticked its focus list. */
export const mayHoldFocus = (payload: IssueEdited): boolean =>
  labelled(payload.issue) && tickedFocus(payload.issue.body) !== undefined;

/** `issue_comment` created, edited or deleted on a goal issue. */
export const onGoalIssueComment = async (ctx: UseCaseContext, payload: IssueCommentEvent): Promise<void> => {
  const { settings } = ctx.config;
  const author = payload.comment.user;
  if (!author || isBot(author, settings) || isBot(payload.sender, settings))
    return ctx.log.debug({ reason: "comment by a bot" }, "ignored");
  const deletedNow = payload.action === "deleted";
  const said = hasCommands(payload.comment.body) || hasCommands(payload.changes?.body?.from);
  if (!said) return;
  const where = goalIssueOf(ctx, payload.repository, payload.issue);
  if (typeof where === "string") return ctx.log.debug({ reason: where }, "ignored");
  const { career } = ctx.config;
  // The comment as it stands now: an edit or a deletion may have overtaken this delivery.
  const seen = deletedNow ? undefined : await getComment(ctx.github, career, payload.comment.id);
  // Only its author speaks for a comment: an edit by someone else (write access lets anyone edit any
  // comment) is not read, and a delivery acts only for the version it carries — a newer version is
  // handled by its own delivery, whose sender is checked in turn.
  if (payload.action === "edited" && payload.sender.login.toLowerCase() !== author.login.toLowerCase())
    return ctx.log.info(
      { editor: payload.sender.login, author: author.login },
      "a comment edited by someone other than its author: its commands are not read",
    );
  if (seen && seen.body !== (payload.comment.body ?? ""))
    return ctx.log.debug(
      { reason: "a newer version of the comment is handled by its own delivery" },
      "ignored",
    );
  const person = await personOf(ctx, where, "RungsCommand");
  if (!person) return;
  const { read, state, ledger } = person;
  const profiles = new Map(ctx.config.profiles).set(where.login, state.profile);
  const actor = author.login;
  const roles: Role[] = await rolesFor(ctx, actor, where.login, profiles);
  const deleted = seen === undefined;
  const commands = deleted ? [] : parseCommands(seen.body);

  if (roles.length === 0) {
    if (deleted || commands.length === 0) return;
    await replyOnce(
      ctx.github,
      career,
      where.number,
      replyMarker(payload.comment.id, "outsider"),
      outsiderReply(where.login),
      seen.createdAt,
    );
    return ctx.log.info(
      { actor, login: where.login },
      "commands by someone without a role here: nothing written",
    );
  }

  const calendar = calendarOf(settings);
  const q = quarterLabel(where.quarter);
  const criteria = criteriaOf(ctx, state.profile.level);
  const level = ctx.config.ladder.levels.get(state.profile.level);
  const scope: CommandScope = {
    login: where.login,
    quarter: q,
    quarterStart: new Date(quarterStart(where.quarter, calendar)).toISOString(),
    quarterEnd: new Date(quarterEnd(where.quarter, calendar) - 1).toISOString(),
    level: state.profile.level,
    next: level?.next ?? null,
    criteria,
    roles,
  };
  const comment: GoalComment = seen
    ? {
        id: seen.id,
        url: seen.url,
        author: seen.author,
        createdAt: seen.createdAt,
        updatedAt: seen.updatedAt,
      }
    : {
        id: payload.comment.id,
        url: "",
        author: actor,
        createdAt: new Date(ctx.now()).toISOString(),
        updatedAt: new Date(ctx.now()).toISOString(),
      };
  // The head first: claims are written there.
  const files = [ledger.head, ...ledger.shards].map((f) => ({
    path: f.path,
    items: f.parsed?.ok ? f.parsed.value.items : [],
  }));
  const effect = applyComment(files, comment, commands, scope, ctx.signer);
  // 👀 while there is work to do; a redelivery of what is already done gets only its 👍 again.
  const busy =
    effect.writes.length > 0 || effect.refresh || effect.help || !!effect.focus || !!effect.promote;
  if (!deleted && busy) await react(ctx.github, career, payload.comment.id, "eyes");

  for (const write of effect.writes) {
    const isHead = write.path === ledger.head.path;
    const name = ledger.shards.find((s) => s.path === write.path)?.name ?? "";
    const again = <T extends { items: typeof write.items }>(current: T): T => {
      // Re-applied to the file as it now stands, so a concurrent writer's items are kept.
      const redone = applyComment(
        files.map((f) => (f.path === write.path ? { path: f.path, items: current.items } : f)),
        comment,
        commands,
        scope,
        ctx.signer,
      ).writes.find((w) => w.path === write.path);
      return redone ? { ...current, items: redone.items } : current;
    };
    const message = `rungs: ${where.login}'s ${q} evidence, by ${actor} in a comment on #${where.number}`;
    if (isHead)
      await updateCareerFile<Ledger>(
        writeDeps(ctx),
        write.path,
        headFormat(where.login, q),
        read.files.get(write.path) ?? { path: write.path },
        again,
        message,
      );
    else
      await updateCareerFile<LedgerShard>(
        writeDeps(ctx),
        write.path,
        shardFormat(where.login, q, name),
        read.files.get(write.path) ?? { path: write.path },
        again,
        message,
      );
  }
  const goals = state.files.goals.get(q);
  const focused = effect.focus
    ? await writeFocus(ctx, read, where, effect.focus, goals?.focus ?? [], actor)
    : false;

  if (effect.writes.length || focused || effect.refresh) await refreshGoalIssue(ctx, where);
  const since = seen?.updatedAt ?? comment.updatedAt;
  const promoteMarker = replyMarker(payload.comment.id, `promote-${since.replace(/\D/g, "")}`);
  // A packet is asked for once per version of the comment: a redelivery never reopens one a manager closed.
  const packet =
    effect.promote && !(await alreadySaid(ctx.github, career, where.number, promoteMarker, since))
      ? await promote(ctx, where, actor, effect.promote.target)
      : undefined;
  if (!effect.promote && effect.refresh) await refreshPacket(ctx, where.login);

  if (effect.undone.length && (deleted || effect.writes.length))
    await replyOnce(
      ctx.github,
      career,
      where.number,
      replyMarker(payload.comment.id, `undone-${since.replace(/\D/g, "")}`),
      undoneReply(effect.undone, deleted),
      since,
    );
  if (deleted) return;
  if (packet) await replyOnce(ctx.github, career, where.number, promoteMarker, packet, since);
  if (effect.help)
    await replyOnce(
      ctx.github,
      career,
      where.number,
      replyMarker(payload.comment.id, `help-${since.replace(/\D/g, "")}`),
      helpReply(actor, where.login, roles, criteria),
      since,
    );
  const failed = effect.outcomes.some((o) => !o.ok);
  if (failed)
    await replyOnce(
      ctx.github,
      career,
      where.number,
      replyMarker(payload.comment.id, `failed-${since.replace(/\D/g, "")}`),
      failureReply(effect.outcomes),
      since,
    );
  await react(ctx.github, career, payload.comment.id, failed ? "confused" : "+1");
  ctx.log.info(
    {
      actor,
      login: where.login,
      quarter: q,
      commands: effect.outcomes.length,
      failed,
      wrote: effect.writes.length,
    },
    "goal-issue commands handled",
  );
};

/** `issues.edited`: the focus checkboxes of a goal issue ticked by someone with a role on it. */
export const onGoalIssueEdited = async (ctx: UseCaseContext, payload: IssueEdited): Promise<void> => {
  if (isBot(payload.sender, ctx.config.settings))
    return ctx.log.debug({ reason: "edit by a bot" }, "ignored");
  const where = goalIssueOf(ctx, payload.repository, payload.issue);
  if (typeof where === "string") return ctx.log.debug({ reason: where }, "ignored");
  // The issue as it stands now: deliveries of edits may arrive out of order.
  const now = await getIssue(ctx.github, ctx.config.career, where.number);
  const ticked = now.gone ? undefined : tickedFocus(now.body);
  if (ticked === undefined) return;
  const person = await personOf(ctx, where, "RungsFocusEdit");
  if (!person) return;
  const { read, state } = person;
  const profiles = new Map(ctx.config.profiles).set(where.login, state.profile);
  const roles = await rolesFor(ctx, payload.sender.login, where.login, profiles);
  const q = quarterLabel(where.quarter);
  const known = new Set(criteriaOf(ctx, state.profile.level).map((c) => c.id));
  const focus = ticked.filter((id) => known.has(id));
  const current = state.files.goals.get(q)?.focus ?? [];
  const wrote =
    roles.length > 0 && (await writeFocus(ctx, read, where, focus, current, payload.sender.login));
  if (roles.length === 0)
    ctx.log.info(
      { actor: payload.sender.login, login: where.login },
      "goal issue edited by someone without a role: re-rendered as it was",
    );
  // The issue is a view: whatever else was edited is put back, and the ticks now come from the goals file.
  if (wrote || roles.length === 0) await refreshGoalIssue(ctx, where);
};
