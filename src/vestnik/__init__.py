"""Vestnik: a news publishing platform for multilingual newsrooms."""

__version__ = "0.1.0"
