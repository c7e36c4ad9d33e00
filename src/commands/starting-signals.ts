/**
 * The stopping signals while gdlab starts. Node takes 100–150 ms to load the program; a Ctrl+C or SIGTERM in
 * that time would end it without a word. The entry point (main.ts) puts these handlers on before it loads the
 * rest; once guardProcess (process-guards.ts) has put on its own, which say where the work stopped, these
 * stand aside. They stay on: taking a signal's last handler off drops a signal already on its way, and the
 * run would go on as if no Ctrl+C had come. A SIGHUP is left to end gdlab silently while it starts: the
 * terminal it would tell is gone, and the tests take gdlab's catching SIGHUP as the sign its own are on.
 */

/** The signals that end gdlab at once, with their exit codes (128 + number). */
export const stoppingSignals = {SIGINT: 130, SIGHUP: 129, SIGTERM: 143} as const;

type StoppingSignal = keyof typeof stoppingSignals;

const startingHandlers = new Set<(...args: unknown[]) => void>();
let programHandlesSignals = false;

/** The signals handled while starting. */
const startingSignals = ['SIGINT', 'SIGTERM'] as const;

/** End gdlab on a Ctrl+C or SIGTERM, saying it stopped while starting, until the program handles them. */
export function handleSignalsWhileStarting(): void {
	for (const signal of startingSignals) {
		const exitCode = stoppingSignals[signal];
		const handler = (): void => {
			if (programHandlesSignals) {
				return;
			}

			process.stderr.write(`gdlab: ${signal === 'SIGINT' ? 'interrupted' : `stopped by ${signal}`} while starting\n`);
			process.exit(exitCode);
		};

		startingHandlers.add(handler);
		process.on(signal, handler);
	}
}

/** The program's own handlers are on: the starting ones stand aside from now on. */
export function programHandlesStoppingSignals(): void {
	programHandlesSignals = true;
}

/** How many handlers of `signal` the program has on, the starting ones aside. */
export function programHandlerCount(signal: StoppingSignal): number {
	return process.listeners(signal).filter(listener => !startingHandlers.has(listener as (...args: unknown[]) => void)).length;
}
