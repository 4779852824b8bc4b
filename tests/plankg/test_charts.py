"""Chinese chart labels: a CJK font is chosen, and a label the font cannot draw fails the check."""
from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("agg")

from matplotlib import pyplot as plt  # noqa: E402 - after choosing the backend

from plankg.charts import assert_glyphs_drawn, use_cjk_font  # noqa: E402


@pytest.fixture()
def restore_rc():
    saved = dict(matplotlib.rcParams)
    yield
    matplotlib.rcParams.update(saved)
    plt.close("all")


def test_chinese_labels_draw_with_the_chosen_font(restore_rc):
    family = use_cjk_font()
    figure, axes = plt.subplots()
    axes.set_title("研发经费投入强度")
    assert_glyphs_drawn(figure)
    assert "CJK" in family or "Hei" in family or "Han" in family


def test_a_font_without_chinese_glyphs_is_caught(restore_rc):
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = ["DejaVu Sans"]
    figure, axes = plt.subplots()
    axes.set_title("研发经费投入强度")
    with pytest.raises(UserWarning, match="missing from font"):
        assert_glyphs_drawn(figure)


def test_fonts_installed_after_matplotlibs_cache_are_found(restore_rc, monkeypatch):
    """matplotlib writes its font list once; a CJK font missing from it is found on disk."""
    from matplotlib import font_manager

    kept = [font for font in font_manager.fontManager.ttflist if "CJK" not in font.name]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", kept)
    family = use_cjk_font()
    figure, axes = plt.subplots()
    axes.set_title("研发经费投入强度")
    assert_glyphs_drawn(figure)
    assert "CJK" in family or "Hei" in family or "Han" in family
