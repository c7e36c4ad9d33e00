/**
 * Ink draws only the last frame when it believes it runs in CI (CI or CONTINUOUS_INTEGRATION set, read
 * once when Ink loads). Dashboard tests read the frames, so each imports this module before anything that
 * loads Ink; CI itself still runs them.
 */
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
