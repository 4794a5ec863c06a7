"""Start CCHC Desktop: `python main.py [--db PATH] [--demo]`."""

from __future__ import annotations

import sys


def main() -> int:
    from cchc_desktop.system import collector

    collector.hold_for_start()  # until the window is painted (see collector)
    from ui.shell.app import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
