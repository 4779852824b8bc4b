"""Charts with Chinese labels for notebooks: pick an installed CJK font for matplotlib.

``make lab``/``make test`` install Debian's ``fonts-noto-cjk`` when it is missing; any other
installed font with CJK glyphs works too.
"""
from __future__ import annotations

#: Fonts tried in order (Noto from fonts-noto-cjk first, then common desktop fonts).
CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC")


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese labels; return the font family chosen.

    Raises:
        PlankgError: No installed font has CJK glyphs (install ``fonts-noto-cjk``).
    """
    import matplotlib
    from matplotlib import font_manager

    from plankg.errors import PlankgError

    installed = {font.name for font in font_manager.fontManager.ttflist}
    for family in CJK_FONTS:
        if family in installed:
            matplotlib.rcParams["font.family"] = "sans-serif"
            matplotlib.rcParams["font.sans-serif"] = [family, *matplotlib.rcParams["font.sans-serif"]]
            matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
            return family
    raise PlankgError("charts: no font with Chinese glyphs is installed; run `make lab` or "
                      "`apt-get install fonts-noto-cjk`")


def assert_glyphs_drawn(figure: object) -> None:
    """Draw ``figure`` and fail if any label needed a glyph the font lacks (a tofu box)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        figure.canvas.draw()  # type: ignore[attr-defined]
