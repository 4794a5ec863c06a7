"""`python -m cchc_desktop` runs the command line."""

import sys

from cchc_desktop.cli import main

sys.exit(main())
