"""Every data file in a code folder (word lists, ontology, bundled corpus) ships in the wheel."""
from __future__ import annotations

import glob
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _tracked_data_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [path for path in listed.split() if path.endswith((".toml", ".ttl", ".txt")) and "/" in path]


def test_package_data_covers_every_data_file():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    folders = {folder: package for package, folder in config["package-dir"].items()}
    globs = config["package-data"]
    checked = 0
    for path in _tracked_data_files():
        folder, _, rest = path.partition("/")
        if folder not in folders:
            continue  # tests, notebooks, docs: not installed
        # plankg/corpus/x.txt belongs to the subpackage plankg.corpus, relative name x.txt.
        package, relative = folders[folder], rest
        while "/" in relative and f"{package}.{relative.split('/', 1)[0]}" in config["packages"]:
            head, relative = relative.split("/", 1)
            package = f"{package}.{head}"
        package_folder = ROOT / path[: len(path) - len(relative)]
        # setuptools expands package-data patterns as glob does: * never crosses a folder.
        shipped = {found for pattern in globs.get(package, []) for found in glob.glob(pattern, root_dir=package_folder)}
        assert relative in shipped, f"{path} is not in package-data"
        checked += 1
    assert checked >= 10
