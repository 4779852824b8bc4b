"""The one place that imports ``onnxruntime`` (heavy, optional): on first use, with telemetry off.

Both the ONNX encoder and the exporter's check go through it; it sits below both, so they can import
each other's light parts at the top.
"""
from __future__ import annotations

import contextlib
import os


def import_onnxruntime():
    """``onnxruntime`` with its telemetry off (it otherwise writes a device id under ~/.cache)."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    import onnxruntime as ort

    with contextlib.suppress(AttributeError):
        ort.disable_telemetry_events()
    return ort
