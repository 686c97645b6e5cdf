"""The ``deelwijzer`` console script: the project's manage.py."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deelwijzer.conf.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["deelwijzer", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":  # pragma: no cover
    main()
