/** The limits gdlab puts on data, so a wrong file fails with a message instead of exhausting memory. */

/** The largest file gdlab reads, in bytes (100 MiB, as its messages say). */
export const maxFileBytes = 100 * 1024 * 1024;
/** The most data cells (data rows × columns) a CSV file may hold (10 million). */
export const maxCells = 10_000_000;
/** The most distinct values a categorical column may have: each becomes a feature. */
export const maxCategoryLevels = 1000;
/** The most feature values (rows × features) a prepared dataset may hold: 800 MB of doubles. */
export const maxFeatureValues = 100_000_000;
/**
 * The largest saved run gdlab reads, in bytes (256 MiB). A run stores 4 numbers per epoch: a saved
 * million-epoch run measured 66 MB, and at most ~27 bytes a number it is 108 MB; the rest leaves room
 * for the weights of 1024 hidden units on a wide dataset, twice (start and end).
 */
export const maxRunFileBytes = 256 * 1024 * 1024;
