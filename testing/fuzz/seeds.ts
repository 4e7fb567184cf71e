/**
 * Which seeds a fuzz run takes: FUZZ_SEED=n replays one seed (or n,m,... several), else FUZZ_SEEDS (default
 * `count`) seeds from FUZZ_FROM (default 1). FUZZ_OPS overrides the ops per seed;
 * FUZZ_LOG=1 prints the op log of seeds that pass too.
 */
export function fuzzSeeds(count: number): number[] {
  const one = process.env.FUZZ_SEED;
  if (one) return one.split(',').map(Number);
  const from = Number(process.env.FUZZ_FROM ?? 1);
  const n = Number(process.env.FUZZ_SEEDS ?? count);
  return Array.from({ length: n }, (_, i) => from + i);
}

export function fuzzOps(fallback: number): number {
  return Number(process.env.FUZZ_OPS ?? fallback);
}

/** The command that replays one seed of a test file. */
export function replayCommand(seed: number, project: string, file: string): string {
  return `FUZZ_SEED=${seed} npx vitest run --project ${project} ${file}`;
}
