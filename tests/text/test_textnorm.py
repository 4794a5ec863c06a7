"""Search keys and Vietnamese collation."""

from __future__ import annotations

import unicodedata

import pytest

from cchc_desktop.text import textnorm
from cchc_desktop.text.textnorm import clean, fold, fold_initial, matches, nfc, one_line, sort_key


@pytest.mark.parametrize(
    "text, key",
    [
        ("Sở Nội vụ", "so noi vu"),
        ("SỞ NỘI VỤ", "so noi vu"),
        ("Đài Phát thanh", "dai phat thanh"),
        ("đường", "duong"),
        ("Quý IV/2024", "quy iv/2024"),
        ("  Ủy ban\n nhân\tdân  ", "uy ban nhan dan"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold(text: str | None, key: str) -> None:
    assert fold(text) == key


def test_fold_gives_the_same_key_for_composed_and_decomposed_text() -> None:
    text = "Truyền hình Vĩnh Long"
    assert fold(unicodedata.normalize("NFD", text)) == fold(text) == "truyen hinh vinh long"


@pytest.mark.parametrize("text", [
    "", "   ", "Cơ quan chủ trì", "Đơn vị", "  \t. :STT", "\u0301\u0300Sở", "..:", "1. Nhiệm vụ", "(Kèm theo)",
    "\u00a0\u2003Thời gian", "İstanbul", "\u212a", "ΣΑ", ".Σ.a", "Σ", "ǅ", "한국", "\u1e9e", "ﬁ",
])
def test_fold_initial_is_the_first_letter_of_the_fold(text: str) -> None:
    for skip in ("", ".:", ".:()"):
        assert fold_initial(text, skip) == fold(text).lstrip(" " + skip)[:1]


def test_fold_initial_reads_every_character_as_fold_does() -> None:
    for code in range(0x3000):
        for text in (chr(code), " ." + chr(code) + "x", "\u0301" + chr(code) + "Σa"):
            assert fold_initial(text, ".:") == fold(text).lstrip(" .:")[:1], hex(code)


def _fold_of_the_whole(text: str) -> str:
    """The definition of `fold`: the whole text translated, lowered and split at once."""
    return " ".join(text.translate(textnorm._FOLDED).lower().split())


def test_fold_word_by_word_is_the_fold_of_the_whole_text() -> None:
    # keys are looked up word by word; every character, in the places where reading it alone
    # could differ from reading it in the text (a final sigma, a lone combining mark, white
    # space of every kind), gives the whole text's key, in short and in long texts
    long_tail = " Ủy ban nhân dân tỉnh" * 12
    for code in range(0x3400):
        c = chr(code)
        for text in (c, f"ΑΣ{c}Β", f"a {c} b", f"Σ{c} Σ", f"{c}\u0301 x{c}Σ", f"ΑΣ {c}" + long_tail, f"{c}Σ{c}" + long_tail):
            assert fold(text) == _fold_of_the_whole(text), hex(code)


def test_fold_forgets_its_words_before_holding_too_many() -> None:
    textnorm._WORD_KEYS.clear()
    words = [f"từ{n}" for n in range(textnorm._WORDS_KEPT + 10)]
    text = " ".join(words)
    assert fold(text) == _fold_of_the_whole(text)
    assert len(textnorm._WORD_KEYS) <= textnorm._WORDS_KEPT


def test_clean_and_one_line() -> None:
    decomposed = unicodedata.normalize("NFD", "  Tuyên truyền\nCCHC  ")
    assert clean(decomposed) == "Tuyên truyền\nCCHC"
    assert one_line(decomposed) == "Tuyên truyền CCHC"
    assert nfc(decomposed) == unicodedata.normalize("NFC", decomposed)
    assert clean(None) == "" and one_line(None) == ""


def test_matches_wants_every_word() -> None:
    key = fold("Sở Thông tin và Truyền thông")
    assert matches("so truyen", key)
    assert not matches("so noi vu", key)


def _sorted(words: list[str]) -> list[str]:
    return sorted(words, key=sort_key)


def test_d_stroke_sorts_right_after_d() -> None:
    assert _sorted(["Đà Nẵng", "Dương", "Em", "Ba", "Đông"]) == ["Ba", "Dương", "Đà Nẵng", "Đông", "Em"]
    assert _sorted(["Zalo", "Đồng Tháp", "Dừa", "Ê-đê"]) == ["Dừa", "Đồng Tháp", "Ê-đê", "Zalo"]


def test_letters_with_marks_are_letters_of_their_own() -> None:
    # a < ă < â, e < ê, o < ô < ơ, u < ư: whole letters, not tones.
    assert _sorted(["âm", "an", "ăn", "bánh"]) == ["an", "ăn", "âm", "bánh"]
    assert _sorted(["ơn", "ôm", "ong"]) == ["ong", "ôm", "ơn"]
    assert _sorted(["ưa", "ung"]) == ["ung", "ưa"]
    assert _sorted(["êm", "eo"]) == ["eo", "êm"]


def test_tones_only_break_ties() -> None:
    assert _sorted(["mạ", "má", "mã", "mả", "mà", "ma"]) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # Letters decide before tones: "mạc" (m-a-c) comes before "mai" (m-a-i) whatever its tone.
    assert _sorted(["mai", "mạc", "mà"]) == ["mà", "mạc", "mai"]


def test_sorting_ignores_case_and_normal_form() -> None:
    decomposed = unicodedata.normalize("NFD", "Đông")
    assert sort_key(decomposed) == sort_key("Đông") == sort_key("đông")
    assert sort_key(None) == sort_key("")
