/** The shapes data takes between the file and the engine. */

/** Records ready for the engine: features row-major in one Float64Array, targets 0 or 1. */
export type Examples = {
	/** rows × featureCount values, row-major. */
	features: Float64Array;
	/** One target (0 or 1) per row. */
	targets: Float64Array;
	/** Number of records. */
	rows: number;
	/** Number of input features per record. */
	featureCount: number;
};

/** A prepared dataset: numeric features (dummies, standardised) and a binary target. */
export type Dataset = Examples & {
	/** A short name for screens: the file's base name or `synthetic:ROWS:FEATURES`. */
	name: string;
	/** The path it was read from, when it came from a file. */
	path?: string;
	/**
	 * SHA-256 of the file's bytes when they were read, hex: a saved run records this, not the file as it is
	 * when saved (it may have been edited while the run trained).
	 */
	sha256?: string;
	/** Names of the feature columns, in order (e.g. gre, gpa, rank_1 … rank_4). */
	featureNames: string[];
	/** The target column's name. */
	targetName: string;
	/** How target labels map to 0 and 1, e.g. [['no', 0], ['yes', 1]]. */
	targetMapping: Array<[label: string, value: number]>;
	/** Records dropped because a value was missing. */
	droppedRows: number;
	/** When rows were dropped: each record's data row in the file (0 the first after the header). */
	fileRows?: Uint32Array;
	/** What else reading the file did that its user should know (a column one-hot encoded into many features). */
	readingNotes?: string[];
};

/** What a saved run says of its dataset: no records (a worker given the whole Dataset would get a copy of them). */
export type DatasetDescription = Pick<Dataset, 'name' | 'path' | 'sha256' | 'rows' | 'featureNames'>;

/** The description of `dataset`. */
export function describeDataset({name, path, sha256, rows, featureNames}: Dataset): DatasetDescription {
	return {name, path, sha256, rows, featureNames};
}

/** A dataset split into training and test records; the arrays are views of the dataset's. */
export type SplitDataset = {
	/** The dataset the split came from. */
	dataset: Dataset;
	/** Training records, in the order the split drew them. */
	train: Examples;
	/** Test records, in file order. */
	test: Examples;
	/** The training records' row numbers in the dataset, in drawn order. */
	trainIndex: number[];
	/** The test records' row numbers in the dataset, ascending. */
	testIndex: number[];
};
