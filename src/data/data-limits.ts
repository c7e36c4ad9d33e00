/** The limits gdlab puts on data, so a wrong file fails with a message instead of exhausting memory. */

/** The largest file gdlab reads, in bytes (100 MB). */
export const maxFileBytes = 100 * 1024 * 1024;
/** The most data cells (data rows × columns) a CSV file may hold (10 million). */
export const maxCells = 10_000_000;
/** The most distinct values a categorical column may have: each becomes a feature. */
export const maxCategoryLevels = 1000;
/** The most feature values (rows × features) a prepared dataset may hold: 800 MB of doubles. */
export const maxFeatureValues = 100_000_000;
