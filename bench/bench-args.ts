// The `--name value` options every benchmark takes, checked against the names it knows.

/** Reads `--name value` pairs; throws on a stray argument or an option not in `known`. */
export function benchArgs(argv: readonly string[], known: readonly string[]): Map<string, string> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    if (!argv[i].startsWith('--') || argv[i + 1] === undefined)
      throw new Error(`unexpected argument ${argv[i]}`);
    args.set(argv[i].slice(2), argv[i + 1]);
  }
  for (const k of args.keys()) if (!known.includes(k)) throw new Error(`unknown option --${k}`);
  return args;
}

/** A benchmark's one JSON line of results on stdout. */
export function emitLine(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** The median of some figures (the upper one of an even count): what a bench of several rounds reports. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
