// The mock the docs' examples and the pages' runnable snippets run against: seed "docs", its world
// generated at a fixed instant so that the figures they print never change. The getting-started
// guide starts the same one: `polyv-mock --seed docs --now 2026-07-01T00:00:00+08:00 --real-clock`.

/** The instant the docs' mock world is generated at (July 1st 2026, 00:00 China time). */
export const docsWorldAt = Date.parse("2026-06-30T16:00:00Z")

/** The options of the docs' mock; add `timestampClock: Date.now` for a client on the real clock. */
export const docsMock = Object.freeze({ seed: "docs", now: docsWorldAt })
