// `npm run bench` options. Default: the prefecture at scale 1, 10 s per route in three interleaved rounds. --quick:
// a small prefecture (scale 0.05) and 3 s per route in one round — what CI runs to prove the harness works.

export const USAGE = `npm run bench [-- --quick] [-- --scale N] [-- --out FILE]
  --quick    scale 0.05 (unless --scale is given) and 3 s per route instead of 10
  --scale N  multiplies every row count of the default prefecture (20,000 employees, 600 units, …)
  --out FILE where to write the JSON results (default bench/results/latest.json)`;

export interface BenchArgs {
  quick: boolean;
  scale: number;
  /** load time per route in all, split over `rounds` */
  seconds: number;
  /** every route is measured in each round, in turn (see bench/run.ts) */
  rounds: number;
  warmupSeconds: number;
  out: string;
  help: boolean;
}

export function parseArgs(argv: string[]): BenchArgs {
  let quick = false;
  let scale: number | undefined;
  let out = "bench/results/latest.json";
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    if (arg === "--quick") quick = true;
    else if (arg === "--scale" || arg.startsWith("--scale=")) {
      scale = Number(value());
      if (!Number.isFinite(scale) || scale <= 0) throw new Error("--scale needs a positive number, e.g. --scale 0.5");
    } else if (arg === "--out" || arg.startsWith("--out=")) out = value();
    else if (arg === "--help" || arg === "-h") help = true;
    else throw new Error(`unknown option ${arg} (try --help)`);
  }
  return { quick, scale: scale ?? (quick ? 0.05 : 1), seconds: quick ? 3 : 10, rounds: quick ? 1 : 3, warmupSeconds: quick ? 1 : 2, out, help };
}
