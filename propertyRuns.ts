/**
 * How many cases a property test tries. The test command runs core's and mock-server's suites
 * twice: on Node 20 (the full profile) and on Node 22 (`test:node22`, POLYV_TEST_PROFILE=runtime).
 * The second run is there to prove the code works on that runtime, not to fuzz again: the same
 * properties run on a tenth of the cases (at least 5, so every property still runs and still fails
 * when its behaviour breaks). Read here only, so the profile has one definition.
 */
/** True in the Node 22 run: a test whose point is not the runtime may skip itself there (say why). */
export const runtimeOnly = process.env.POLYV_TEST_PROFILE === "runtime"

/** fast-check parameters for `numRuns` cases under the full profile. */
export const propertyRuns = (numRuns: number): { readonly numRuns: number } => ({
  numRuns: runtimeOnly ? Math.max(5, Math.ceil(numRuns / 10)) : numRuns,
})
