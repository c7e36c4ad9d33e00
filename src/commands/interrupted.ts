/**
 * What Ctrl+C (SIGINT, or a SIGTERM or SIGHUP) leaves behind, told in one line: `gdlab: interrupted`, and
 * what the work under way says of itself (train: the epoch it reached, and the run so far it wrote).
 */

/** Notes of the work under way, each saying where it stands (or nothing). */
const notes = new Set<() => string | undefined>();

/** Have `note` tell where the work stands should an interrupt end it; returns the function that stops it. */
export function noteOnInterrupt(note: () => string | undefined): () => void {
	notes.add(note);
	return () => {
		notes.delete(note);
	};
}

/** The line an interrupt (or `how` else it ended: "stopped by SIGTERM") ends gdlab with. */
export function interruptedLine(how = 'interrupted'): string {
	// the innermost work first: "after 40 of 1000 epochs; the run so far written to run.json"
	const told = [...notes].reverse().map(note => note()).filter((text): text is string => text !== undefined);
	return `gdlab: ${how}${told.length > 0 ? ` ${told.join('; ')}` : ''}\n`;
}
