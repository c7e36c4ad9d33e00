/**
 * How often a training run is advanced and shown, in one place: the slices an in-thread run trains in,
 * and the cadence its figures reach the screen at, whichever thread it trains on.
 */

/** Time one slice of training may take before input gets its turn. */
export const sliceBudgetMs = 5;
/**
 * How often status and tables are refreshed while training. Each refresh costs Ink a whole frame (10 to
 * 30 ms on this thread at 120×40) and bytes on the wire, so training draws five frames a second and
 * leaves the rest of the time to keys.
 */
export const statsIntervalMs = 200;
/** How often the chart is redrawn while training (every other refresh). */
export const chartIntervalMs = 400;
/** The window epochs per second are measured over. */
export const rateWindowMs = 500;
