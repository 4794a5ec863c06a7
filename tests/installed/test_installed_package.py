"""The suite tests what users install: the wheel's modules and data files, not the checkout's."""

from __future__ import annotations

import importlib
import re
import sysconfig
from pathlib import Path

from installed import CHECKOUT, PACKAGES, from_source_tree, inside, require_installed

import cchc_desktop
import ui

SOURCE_ONLY = {".py", ".pyc", ".ts"}  # .ts is the source of the shipped .qm


def _installed_root() -> Path:
    return Path(cchc_desktop.__file__).resolve().parents[1]


def _source_modules() -> list[str]:
    names = []
    for package in ("cchc_desktop", "ui"):
        for path in sorted((CHECKOUT / package).rglob("*.py")):
            if "__pycache__" in path.parts or path.name == "__main__.py":
                continue
            parts = path.relative_to(CHECKOUT).with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _source_data_files() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((CHECKOUT / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in SOURCE_ONLY:
                files.append(path.relative_to(CHECKOUT))
    return files


def test_the_suite_runs_against_the_installed_package() -> None:
    require_installed()
    import main
    import resources

    site = Path(sysconfig.get_paths()["purelib"])
    for module in (cchc_desktop, ui, resources, main):
        assert not from_source_tree(module.__file__), f"{module.__name__} comes from the checkout: {module.__file__}"
        assert inside(module.__file__, site), f"{module.__name__} is not installed in {site}: {module.__file__}"
    assert not inside(Path.cwd(), CHECKOUT), "run the tests from a folder outside the checkout"


def test_every_module_of_the_source_tree_imports_from_the_installed_package() -> None:
    names = _source_modules()
    assert "ui.calendar.calendar_tab" in names and "cchc_desktop.importer.readers" in names
    root = _installed_root()
    wrong = []
    for name in names:
        module = importlib.import_module(name)  # ModuleNotFoundError: left out of the wheel
        expected = root / Path(*name.split("."))
        if Path(module.__file__).resolve() not in (expected.with_suffix(".py"), expected / "__init__.py"):
            wrong.append(f"{name}: {module.__file__}")
    assert wrong == []


def test_every_data_file_is_in_the_installed_package() -> None:
    require_installed()
    files = _source_data_files()
    names = {path.as_posix() for path in files}
    assert {"ui/shell/i18n/qt_vi.qm", "resources/guide/huong-dan.html", "resources/demo/vinh_long_2024.json"} <= names
    root = _installed_root()
    missing = [name for name in sorted(names) if not (root / name).is_file()]
    assert missing == [], "left out of the package (setup.cfg [options.package_data]):\n" + "\n".join(missing)


def test_the_files_the_code_opens_are_where_it_looks() -> None:
    from cchc_desktop.store.demo import DEMO_FILE
    from cchc_desktop.system import paths
    from ui.shell import help as help_ui
    from ui.shell import qt_vi

    root = _installed_root()
    for path in (qt_vi.CATALOGUE, help_ui.guide_file(), paths.resources_dir() / DEMO_FILE):
        assert path.is_file(), path
        assert inside(path, root), f"{path} is not in the package under test ({root})"


def test_ci_runs_the_readme_test_command_word_for_word() -> None:
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"Install and run the tests[^\n]*:\n\n    (.+)\n", readme)
    assert found, "README: the test command under 'Install and run the tests'"
    command = found.group(1)
    ci = (CHECKOUT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci, f".ci/run must run the README's command as written:\n{command}"
    assert "pip install -e" not in command and "--editable" not in command
