"""Antikorupsi: assessment management for KPK's anti-corruption pilot regencies and cities."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("antikorupsi")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+dev"
