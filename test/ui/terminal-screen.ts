/**
 * A tiny terminal for tests: it replays what a program wrote (text, newlines and the cursor and
 * erase sequences Ink uses) onto a grid of cells, so a test can read the screen a user would see.
 */

/** The screen after replaying `output` on a terminal of `columns` × `rows`, as lines without trailing spaces. */
export function replayScreen(output: string, columns: number, rows: number): string[] {
	const grid = Array.from({length: rows}, () => Array.from({length: columns}, () => ' '));
	let row = 0;
	let column = 0;
	const lineFeed = () => {
		// a terminal translates \n to \r\n (onlcr); at the bottom it scrolls
		column = 0;
		if (row === rows - 1) {
			grid.shift();
			grid.push(Array.from({length: columns}, () => ' '));
		} else {
			row++;
		}
	};

	const eraseLine = (from: number, to: number) => {
		for (let index = from; index < to; index++) {
			grid[row]![index] = ' ';
		}
	};

	for (let index = 0; index < output.length; index++) {
		const character = output[index]!;
		if (character === '\u001B') {
			const match = /^\u001B\[(\??)([\d;]*)([A-Za-z])/.exec(output.slice(index));
			if (!match) {
				index++;
				continue;
			}

			index += match[0].length - 1;
			const [, privateMode, parameters, command] = match;
			if (privateMode) {
				continue;
			}

			const count = Math.max(1, Number(parameters!.split(';')[0] || 1));
			switch (command) {
				case 'A': {
					row = Math.max(0, row - count);
					break;
				}

				case 'B': {
					row = Math.min(rows - 1, row + count);
					break;
				}

				case 'E': {
					row = Math.min(rows - 1, row + count);
					column = 0;
					break;
				}

				case 'F': {
					row = Math.max(0, row - count);
					column = 0;
					break;
				}

				case 'G': {
					column = Math.min(columns - 1, count - 1);
					break;
				}

				case 'H': {
					const [line = 1, place = 1] = parameters!.split(';').map(value => Number(value || 1));
					row = line - 1;
					column = place - 1;
					break;
				}

				case 'K': {
					const mode = Number(parameters || 0);
					eraseLine(mode === 0 ? column : 0, mode === 1 ? column + 1 : columns);
					break;
				}

				case 'J': {
					if (Number(parameters || 0) >= 2) {
						for (const line of grid) {
							line.fill(' ');
						}
					}

					break;
				}

				default: {
					// colours and other attributes do not move anything
				}
			}

			continue;
		}

		if (character === '\n') {
			lineFeed();
		} else if (character === '\r') {
			column = 0;
		} else if (column < columns) {
			grid[row]![column] = character;
			column++;
		}
	}

	return grid.map(line => line.join('').trimEnd());
}
