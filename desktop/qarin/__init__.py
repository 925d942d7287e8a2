"""Qarin: read an Arabic text beside its English translation."""

__version__ = "0.1.0"
