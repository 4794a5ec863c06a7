"""Where the code under test comes from: the checkout beside these tests, or an installed package."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
PACKAGES = ("cchc_desktop", "ui", "resources")


def inside(path: str | Path, folder: Path) -> bool:
    return Path(path).resolve().is_relative_to(folder.resolve())


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def from_source_tree(path: str | Path) -> bool:
    """Whether a module file is one of the checkout's own sources (the virtual environment the
    README creates inside the checkout holds the installed package, which does not count)."""
    return any(inside(path, CHECKOUT / package) for package in PACKAGES) or Path(path).resolve() == CHECKOUT / "main.py"


def require_installed() -> None:
    """Tests of the installed package: in CI they must run against it (the README's test
    command installs the wheel); on a developer's editable install they are skipped."""
    import cchc_desktop

    if from_source_tree(cchc_desktop.__file__):
        if in_ci():
            pytest.fail(f"CI must test the installed package, not the checkout ({cchc_desktop.__file__})")
        pytest.skip("the modules come from the checkout (editable install): run the README's test command")
