"""PySide6 user interface: the only package that imports Qt."""

import platform
import sys

if platform.python_implementation() == "CPython" and sys.version_info < (3, 12):
    import ctypes

    # PySide6 6.12 releases a reference to None it never took on many calls that return
    # nothing (QTextCursor.setPosition, QSyntaxHighlighter.setFormat, setExtraSelections,
    # processEvents, ...), and likewise to True/False on some that return a bool. A few
    # hundred article switches drop ~30,000 and free None itself, which aborts Python
    # ("none_dealloc", "bool_dealloc"). Python 3.12 makes these singletons immortal;
    # this does the same here by lending each 2**40 references it can never run out of.
    for _singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(_singleton)).value += 1 << 40
