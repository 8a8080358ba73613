"""Entry point PyInstaller freezes: the same `main` the `annotator` console script runs.

`freeze_support` first: the window's background work (pre-annotation, import, export,
training, release) runs in spawned processes, and in the frozen app each of those, and
multiprocessing's resource tracker, is this same executable started with multiprocessing's
own arguments (`--multiprocessing-fork`, `-B -S -I -c ...`). Without it they reached the
command line parser, which refused them (exit code 2), and every background pre-annotation
of the standalone app failed.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # returns at once in the app's own process

    from annotator.cli import main

    sys.exit(main())
