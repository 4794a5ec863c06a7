"""Entry of the bundled start-at-login reminder agent (no console)."""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives with the process

from ui.shell.agent import main  # noqa: E402

sys.exit(main())
