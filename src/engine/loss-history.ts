/**
 * Per-epoch figures of a run, stored column by column in growing Float64Arrays so a million epochs
 * cost a few megabytes, not a million objects.
 */

/** One epoch's figures, taken after that epoch's update. */
export type HistoryEntry = {
	/** The epoch (0-based, as the lesson counts). */
	epoch: number;
	/** Training MSE over the whole training set. */
	train: number;
	/** Test MSE. */
	test: number;
	/** Test accuracy at the 0.5 threshold. */
	accuracy: number;
	/** The learning rate that epoch ran with. */
	learnRate: number;
};

const columns = ['train', 'test', 'accuracy', 'learnRate'] as const;
type Column = (typeof columns)[number];

/** The history of a run: entry k is epoch k. */
export class LossHistory {
	private capacity = 1024;
	private size = 0;
	private clears = 0;
	private readonly data: Record<Column, Float64Array> = {
		train: new Float64Array(this.capacity),
		test: new Float64Array(this.capacity),
		accuracy: new Float64Array(this.capacity),
		learnRate: new Float64Array(this.capacity),
	};

	/** Number of epochs recorded. */
	get length(): number {
		return this.size;
	}

	/** How many times the history was cleared: between two clears it only grows, so what was read stays true. */
	get generation(): number {
		return this.clears;
	}

	/** Record the next epoch's figures. */
	push(train: number, test: number, accuracy: number, learnRate: number): void {
		if (this.size === this.capacity) {
			this.capacity *= 2;
			for (const column of columns) {
				const grown = new Float64Array(this.capacity);
				grown.set(this.data[column]);
				this.data[column] = grown;
			}
		}

		this.data.train[this.size] = train;
		this.data.test[this.size] = test;
		this.data.accuracy[this.size] = accuracy;
		this.data.learnRate[this.size] = learnRate;
		this.size++;
	}

	/** The figures of one epoch. */
	at(epoch: number): HistoryEntry {
		if (epoch < 0 || epoch >= this.size) {
			throw new RangeError(`epoch ${epoch} is not in the history (0 to ${this.size - 1})`);
		}

		return {
			epoch,
			train: this.data.train[epoch]!,
			test: this.data.test[epoch]!,
			accuracy: this.data.accuracy[epoch]!,
			learnRate: this.data.learnRate[epoch]!,
		};
	}

	/** A read-only view of one column over all recorded epochs. */
	column(name: Column): Float64Array {
		return this.data[name].subarray(0, this.size);
	}

	/** Forget every epoch. */
	clear(): void {
		this.size = 0;
		this.clears++;
	}
}
