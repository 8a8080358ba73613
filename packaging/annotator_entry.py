"""Entry point PyInstaller freezes: the same `main` the `annotator` console script runs.

`freeze_support` first: the window's background work (pre-annotation, import, export,
training, release) runs in spawned processes, and in the frozen app each of those, and
multiprocessing's resource tracker, is this same executable started with multiprocessing's
own arguments (`--multiprocessing-fork`, `-B -S -I -c ...`). Without it they reached the
command line parser, which refused them (exit code 2), and every background pre-annotation
of the standalone app failed.
"""

import locale
import multiprocessing
import os
import sys


def coerce_c_locale() -> None:
    """Where the locale is plain C (no LANG: `su -`, ssh, cron, a minimal system), use C.UTF-8.

    Python's own `python` does this at start (PEP 538), so the `pip install`ed app never met it;
    the frozen app's bootloader does not. Qt then wrote four lines to the terminal on every start
    of the window, `annotator --self-test` included ("Detected locale "C" with character encoding
    "ANSI_X3.4-1968", which is not UTF-8 ... reconfigure your locale"), and switched to C.UTF-8
    itself. As in PEP 538, an LC_ALL someone set is left alone.
    """
    if not sys.platform.startswith("linux") or os.environ.get("LC_ALL"):
        return
    try:
        current = locale.setlocale(locale.LC_CTYPE, "")
    except locale.Error:
        current = "C"
    if current not in ("C", "POSIX"):
        return
    for name in ("C.UTF-8", "C.utf8", "UTF-8"):
        try:
            locale.setlocale(locale.LC_CTYPE, name)
        except locale.Error:
            continue
        os.environ["LC_CTYPE"] = name  # Qt reads the locale from the environment again
        return


if __name__ == "__main__":
    multiprocessing.freeze_support()  # returns at once in the app's own process
    coerce_c_locale()

    from annotator.cli import main

    sys.exit(main())
