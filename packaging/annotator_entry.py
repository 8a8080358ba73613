"""Entry point PyInstaller freezes: the same `main` the `annotator` console script runs."""

import sys

from annotator.cli import main

if __name__ == "__main__":
    sys.exit(main())
