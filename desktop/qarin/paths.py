"""Find Qarin's resources/ folder in an editable install, a wheel, or a PyInstaller bundle."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.append(Path(frozen) / "qarin" / "resources")
    here = Path(__file__).resolve().parent
    candidates.append(here / "resources")  # wheel: force-included into the package
    candidates.append(here.parent.parent / "resources")  # source tree / editable install
    for c in candidates:
        if (c / "sample").is_dir():
            return c
    raise FileNotFoundError("Qarin's resources folder is missing; reinstall Qarin")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def sample_path() -> Path:
    return resource("sample", "security-guarantees.txt")
