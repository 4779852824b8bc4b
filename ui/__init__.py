"""The Gradio app over the facade: ``launch(AppData(home))`` or ``plankg serve``.

Gradio, pandas and plotly load only when the app is built (:mod:`plankg.ui.libs`), so importing this
package stays cheap.
"""
from __future__ import annotations

from plankg.ui.app import build_app, launch
from plankg.ui.data import AppData

__all__ = ["AppData", "build_app", "launch"]
