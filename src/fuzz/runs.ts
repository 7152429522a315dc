/**
 * How many cases each fuzz property runs: a bounded number in `npm test` (fast, and still a new
 * seed every run), many more with `npm run fuzz` (FUZZ_RUNS). A failure prints fast-check's seed
 * and path, which reproduce the case exactly.
 */
export function fuzzRuns(inTest = 200): number {
  const n = Number(process.env.FUZZ_RUNS);
  return Number.isSafeInteger(n) && n > 0 ? n : inTest;
}
