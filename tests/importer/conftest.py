"""Fixtures for the importer tests: the sample documents and builders of Word/PDF/Excel files."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLE_FILES = {
    "dak_nong_2016": "002_13bd29d423fdda34.txt",
    "vinh_long_2024": "003_2be5e5626b2fea28.txt",
    "binh_dinh_2021": "004_e8a46c88b34e84f6.txt",
}


@pytest.fixture
def sample(samples_dir: Path):
    """The path of a sample document by its short name."""

    def path(name: str) -> Path:
        p = samples_dir / SAMPLE_FILES[name]
        if not p.is_file():
            pytest.skip(f"sample {p.name} not present in {samples_dir}")
        return p

    return path
