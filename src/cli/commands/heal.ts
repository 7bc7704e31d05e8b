import { heal as healDeliveries } from "../../usecases/heal.js";
import { type Command, parse, UsageError } from "../command.js";
import { cliLogger, connectApp, reportingFailures } from "../remote.js";

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `3d`, `36h`, `90m`, `1w`: how far back to look. */
export const parseDuration = (flag: string, value: string): number => {
  const m = /^(\d+)([mhdw])$/.exec(value.trim());
  if (!m?.[1] || !m[2]) throw new UsageError(`${flag} ${value}: expected a duration like 3d, 36h, 90m or 1w`);
  return Number(m[1]) * (UNITS[m[2]] ?? 0);
};

export const heal: Command = {
  name: "heal",
  summary: "ask GitHub to redeliver the app's webhook deliveries that failed",
  usage: `rungs heal [--since DURATION]

  --since DURATION  how far back to look: 3d, 36h, 90m, 1w (default 3d; GitHub keeps deliveries 3 days)
  --verbose         print each redelivery as it is asked for

Each delivery that never reached the app (first time or on a redelivery) is asked for once more; one that
went through on a later attempt is left alone. Auth: APP_ID and PRIVATE_KEY (the app itself, not an
installation). Run \`rungs sync\` over the same days afterwards to catch anything GitHub no longer holds.`,
  async run(argv, io, deps) {
    const { values } = parse(argv, {
      since: { type: "string", default: "3d" },
      verbose: { type: "boolean", default: false },
    });
    const window = parseDuration("--since", values.since);
    return reportingFailures(
      io,
      "heal",
      undefined,
      deps,
      async () => {
        const github = await connectApp(deps);
        const since = deps.now() - window;
        const r = await healDeliveries(github, since, cliLogger(io, "heal", values.verbose));
        for (const d of r.redelivered)
          io.out(
            `redelivered ${d.guid} (${d.event}${d.action ? `.${d.action}` : ""}, failed with ${d.statusCode || "no answer"} at ${new Date(d.deliveredAt).toISOString()})`,
          );
        for (const { delivery, reason } of r.refused)
          io.err(`rungs heal: GitHub refused to redeliver ${delivery.guid}: ${reason}`);
        io.out(
          `${r.examined} deliveries since ${new Date(since).toISOString()}: ${r.redelivered.length} redelivered, ${r.alreadyHealed} failed earlier but went through since${r.refused.length ? `, ${r.refused.length} refused` : ""}`,
        );
        return r.refused.length ? 1 : 0;
      },
      true,
    );
  },
};
