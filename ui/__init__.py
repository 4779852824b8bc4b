"""The Gradio app over the facade: ``launch(AppData(home))`` or ``plankg serve``.

Gradio, pandas and plotly load only when the app is built, so importing this package stays cheap.
"""
from __future__ import annotations

from typing import Any

from plankg.ui import app
from plankg.ui.data import AppData

__all__ = ["AppData", "build_app", "launch"]


def __getattr__(name: str) -> Any:
    if name == "AppData":

        return AppData
    if name in ("build_app", "launch"):

        return getattr(app, name)
    raise AttributeError(f"module 'plankg.ui' has no attribute {name!r}")
