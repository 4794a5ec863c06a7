"""CLI sub-commands, one module per feature; each module defines `register(subparsers)`."""
