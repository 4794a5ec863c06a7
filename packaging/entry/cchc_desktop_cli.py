"""Entry of the bundled command line (`cchc-desktop`, the same commands as `python -m cchc_desktop`)."""

import sys

from cchc_desktop.cli import main

sys.exit(main())
