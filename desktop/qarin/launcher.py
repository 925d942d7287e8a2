"""The ``qarin`` command: a shell command (analyze, show, export) or else the reader.

It lives outside core and gui so that core never imports the GUI and the GUI is only loaded
when a window is wanted.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from qarin.core.cli import COMMANDS

READER_USAGE = """\
  qarin [FILE [FILE2]]   open the reader on one file (both languages, or TMX) or a pair
  qarin --sample         open the reader on the bundled sample article
"""


def _has_display() -> bool:
    """Whether Qt can open a window here; without one it aborts with a misleading message."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help")):
        from qarin.core.cli import main as cli_main

        if args[0] in ("-h", "--help"):
            print("The reader:\n" + READER_USAGE + "\nThe shell commands:")
        return cli_main(args)
    if not _has_display():
        print(
            "qarin: error: no display to open the reader on; "
            "in a terminal use 'qarin show FILE' or 'qarin analyze FILE'",
            file=sys.stderr,
        )
        return 2
    from qarin.gui.app import main as gui_main

    return int(gui_main(args))


if __name__ == "__main__":
    sys.exit(main())
