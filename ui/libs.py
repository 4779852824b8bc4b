"""Gradio and pandas, each imported on first use through one accessor.

Importing ``plankg.ui`` (which ``plankg serve`` and so the CLI do) must not import Gradio: it reads
``GRADIO_TEMP_DIR`` when imported, so it has to come after :func:`plankg.ui.uploads.use_private_temp_dir`,
and it costs seconds that ``plankg --help`` should not pay.
"""
from __future__ import annotations

from types import ModuleType


def gradio() -> ModuleType:
    """The ``gradio`` module (import it only once the upload folder is set)."""
    import gradio

    return gradio


def pandas() -> ModuleType:
    """The ``pandas`` module."""
    import pandas

    return pandas
