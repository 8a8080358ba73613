"""PySide6 user interface: the only package that imports Qt."""

import platform
import sys

if platform.python_implementation() == "CPython" and sys.version_info < (3, 12):
    import ctypes

    # PySide6 6.12 releases a reference to None it never took on many calls that return
    # nothing (QTextCursor.setPosition, QSyntaxHighlighter.setFormat, setExtraSelections,
    # processEvents, ...). A few hundred article switches drop ~30,000 and free None
    # itself, which aborts Python ("none_dealloc"). Python 3.12 makes None immortal;
    # this does the same here by lending None 2**40 references it can never run out of.
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
