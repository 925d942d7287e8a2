"""Exporters register themselves here explicitly; the CLI and the GUI list what is registered."""

from __future__ import annotations

from qarin.core.errors import ExportFailed
from qarin.core.export.base import Exporter

_REGISTRY: dict[str, Exporter] = {}


def register(exporter: Exporter) -> Exporter:
    if exporter.name in _REGISTRY:
        raise ValueError(f"exporter {exporter.name!r} registered twice")
    _REGISTRY[exporter.name] = exporter
    return exporter


def _load_builtins() -> None:
    # Importing the package registers the built-in formats (see export/__init__.py).
    import qarin.core.export.formats  # noqa: F401


def get(name: str) -> Exporter:
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise ExportFailed(f"unknown export format {name!r} (known: {known})") from None


def all_exporters() -> list[Exporter]:
    _load_builtins()
    return list(_REGISTRY.values())
