"""The ``qarin`` command: a shell command (analyze, show, export) or else the reader.

It lives outside core and gui so that core never imports the GUI and the GUI is only loaded
when a window is wanted.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from qarin.core.cli import COMMANDS


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help")):
        from qarin.core.cli import main as cli_main

        return cli_main(args)
    from qarin.gui.app import main as gui_main

    return int(gui_main(args))


if __name__ == "__main__":
    sys.exit(main())
