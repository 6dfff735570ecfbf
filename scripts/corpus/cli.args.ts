/** `--name value` and `--flag` command-line options for the corpus, soak and fuzz scripts. */
export function parseArgs(argv: readonly string[]): { get(name: string, fallback: string): string; num(name: string, fallback: number): number; has(name: string): boolean } {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) continue;
    const [k, inline] = a.slice(2).split('=', 2) as [string, string | undefined];
    const next = argv[i + 1];
    if (inline !== undefined) values.set(k, inline);
    else if (next !== undefined && !next.startsWith('--')) values.set(k, argv[++i]!);
    else values.set(k, 'true');
  }
  return {
    get: (name, fallback) => values.get(name) ?? fallback,
    num: (name, fallback) => {
      const v = values.get(name);
      if (v === undefined) return fallback;
      const n = Number(v.replace(/k$/i, '000'));
      if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${v}`);
      return n;
    },
    has: (name) => values.has(name),
  };
}
