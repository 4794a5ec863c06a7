"""Entry of the bundled start-at-login reminder agent (no console)."""

import sys

from cchc_desktop.cli.common import utf8_console

# No console: sys.stdout and sys.stderr are None (they then write nowhere); started with its
# output on a file or pipe in a Windows code page, its Vietnamese (--help, an error) is written
# in UTF-8 instead of raising UnicodeEncodeError.
utf8_console()

from ui.shell.agent import main  # noqa: E402

sys.exit(main())
