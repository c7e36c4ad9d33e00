#!/usr/bin/env node
/**
 * gdlab's entry point: the stopping signals are handled before the program loads (starting-signals.ts),
 * then the CLI runs (cli.tsx).
 */
import {handleSignalsWhileStarting} from './commands/starting-signals.js';

handleSignalsWhileStarting();
await import('./cli.js');
