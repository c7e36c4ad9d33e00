/** The top-level help of gdlab. */

/** Usage of `gdlab` itself. */
export const mainUsage = `Usage: gdlab [options]          the dashboard (piped: the headless lesson run)
       gdlab train [options]    train headless, print the lesson's figures
       gdlab forward [options]  the 4×3×2 forward pass
       gdlab step worked|gradient|backprop
                                one step of the lesson, every term
       gdlab replay FILE        re-run a saved run, confirm its figures
       gdlab bench [options]    µs per epoch on the NumPy anchor's cases
       gdlab help COMMAND       options of a command (or gdlab COMMAND --help)

Dashboard options (the starting state; train's, see gdlab train --help):
  --model single|forward|backprop   the screen to open on (default single)
  --lr X  --epochs N  --seed N      for the model it opens on (the other
                                    starts from its lesson's; on forward,
                                    --seed is its values', --lr and
                                    --epochs the single unit's)
  --hidden H  --split-seed N  --rng numpy|seedrandom
  --batch full|record|SIZE  --momentum B
  --data FILE  --target COL  --categorical A,B  --ignore A,B
  --test-ratio R  --strict
  --load FILE      open a run saved with --save or w, where it was saved
                   (piped: replay it, as gdlab replay FILE)
  --save FILE      where w saves (default gdlab-run-<model>-<date>-<time>.json)
  -h, --help       show this help
  -v, --version    show the version`;
