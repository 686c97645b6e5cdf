"""Deelwijzer: the executable covenant for youth-care and child-protection partnerships."""

__version__ = "0.1.0"
