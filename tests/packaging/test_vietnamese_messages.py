"""The installer's Vietnamese messages file: every message of Inno Setup's Default.isl, translated,
with the same placeholders; and the check wine_check.py makes of it on every run."""

from __future__ import annotations

import importlib.util
import os
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ISL = ROOT / "packaging" / "windows" / "Vietnamese.isl"


@pytest.fixture(scope="module")
def wine_check():
    spec = importlib.util.spec_from_file_location("cchc_wine_check", ROOT / "packaging" / "windows" / "wine_check.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_file_is_utf8_with_a_byte_order_mark_and_windows_line_ends(wine_check) -> None:
    raw = ISL.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # how Inno Setup 6 knows a messages file is UTF-8
    assert raw.count(b"\r\n") == raw.count(b"\n")
    messages = wine_check.isl_messages(raw.decode("utf-8-sig"))
    assert len(messages) >= 278
    assert messages["SetupWindowTitle"] == "Cài đặt - %1"
    assert messages["ButtonNext"] == "&Tiếp >"


def test_the_check_finds_a_missing_message_a_lost_placeholder_and_english_left(wine_check) -> None:
    english = "[Messages]\nButtonNext=&Next >\nWelcomeLabel1=Welcome to the [name] Setup Wizard\nButtonOK=OK\n"
    good = "[Messages]\nButtonNext=&Tiếp >\nWelcomeLabel1=Chào mừng bạn đến với trình cài đặt [name]\nButtonOK=OK\n"
    assert wine_check.check_messages(english, good) == 3
    for broken, said in (
        (good.replace("ButtonOK=OK\n", ""), "missing: ButtonOK"),
        (good.replace(" [name]", ""), "WelcomeLabel1: placeholders"),
        (good.replace("&Tiếp", "Tiếp"), "ButtonNext: accelerator"),
        (good.replace("&Tiếp >", "&Next >"), "ButtonNext: still English"),
    ):
        with pytest.raises(wine_check.StageFailure, match=said):
            wine_check.check_messages(english, broken)


def test_every_message_of_inno_setups_default_isl_is_translated(wine_check) -> None:
    cache = Path(os.environ.get("CCHC_WINE_CACHE") or Path.home() / ".cache" / "cchc-wine") / "downloads"
    packages = sorted(cache.glob("innosetup-*.tgz"))
    if not packages:
        pytest.skip(f"Inno Setup's npm package is not in {cache} (packaging/windows/wine_check.py fetches it)")
    with tarfile.open(packages[-1]) as tar:
        member = tar.extractfile("package/bin/Default.isl")
        assert member is not None
        english = member.read().decode("utf-8-sig")
    assert wine_check.check_messages(english, ISL.read_text(encoding="utf-8-sig")) == 278
