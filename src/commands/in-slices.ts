/**
 * Long headless work (training, a replay) in slices, with the event loop let in between: a Ctrl+C, a
 * closed pipe or a write to stdout gets its turn within a few dozen milliseconds instead of at the end.
 */

/** How long work runs before it lets the event loop in. */
const sliceMs = 50;

/** One turn of the event loop: signals and stdout's writes get their turn. */
export async function letEventsIn(): Promise<void> {
	return new Promise(resolve => {
		setImmediate(resolve);
	});
}

/** Call `step` until it returns false, calling `afterSlice` and letting the event loop in every sliceMs. */
export async function runInSlices(step: () => boolean, afterSlice?: () => void): Promise<void> {
	let going = true;
	while (going) {
		const start = performance.now();
		while ((going = step()) && performance.now() - start < sliceMs) {
			// the slice goes on
		}

		// what the slice did is told before the event loop comes in: an interrupt then finds it printed
		afterSlice?.();
		await letEventsIn();
	}
}
