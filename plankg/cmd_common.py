"""What the CLI and every command module share: the facade over ``--workspace`` and one-line errors.

It sits below ``cli.py``, so the CLI can import the command modules at its top.
"""
from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

import plankg

if TYPE_CHECKING:
    from plankg.facade import KnowledgeGraph


def print_error(message: str) -> None:
    """One line on standard error, prefixed ``plankg:``."""
    print(f"plankg: {message}", file=sys.stderr)


def open_workspace(args: argparse.Namespace, **settings: object) -> KnowledgeGraph:
    """The facade over ``--workspace`` (never builds: a command on an empty workspace says so)."""
    return plankg.open(args.workspace, build=False, **settings)
