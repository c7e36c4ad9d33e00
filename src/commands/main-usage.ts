/** The top-level help of gdlab. */

/** Usage of `gdlab` itself. */
export const mainUsage = `Usage: gdlab [options]            open the dashboard (headless lesson run when not a terminal)
       gdlab train [options]      train headless and print the lesson's figures (--json for scripts)
       gdlab forward [options]    the 4×3×2 forward pass
       gdlab step worked|gradient|backprop   one step of the lesson, every term
       gdlab replay FILE          re-run a saved run and confirm its figures are identical
       gdlab bench [--quick] [--json] [--data SOURCE]  µs per epoch against the NumPy anchor
       gdlab <command> --help     options of a command

Dashboard options (the starting state; train's options apply, see gdlab train --help):
  --model single|forward|backprop   the screen to open on (default single)
  --lr X  --epochs N  --hidden H  --seed N  --split-seed N  --rng numpy|seedrandom
  --batch full|record|SIZE  --momentum B  --data FILE  --target COL  --categorical A,B
  --test-ratio R  --strict
  --load FILE                       open a run saved with --save or w (replayed to where it was saved)
  --save FILE                       where w saves the run on screen (default gdlab-run-<model>-<time>.json)
  -h, --help                        show this help
  -v, --version                     show the version`;
