"""Charts with Chinese labels for notebooks: pick an installed CJK font for matplotlib.

``make lab``/``make test`` install Debian's ``fonts-noto-cjk`` when it is missing; any other
installed font with CJK glyphs works too.
"""
from __future__ import annotations

import math
import warnings

from plankg.errors import PlankgError

#: Fonts tried in order (Noto from fonts-noto-cjk first, then common desktop fonts).
CJK_FONTS = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "WenQuanYi Micro Hei", "SimHei", "Microsoft YaHei", "PingFang SC")
#: Parts of font file names that hold those families (for fonts installed after matplotlib's cache).
CJK_FILE_KEYS = ("notosanscjk", "notoserifcjk", "sourcehansans", "wqy", "simhei", "msyh", "pingfang")


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese labels; return the font family chosen.

    Raises:
        PlankgError: No installed font has CJK glyphs (install ``fonts-noto-cjk``).
    """
    import matplotlib

    family = _installed_cjk_family() or _installed_cjk_family(rescan=True)
    if family is None:
        raise PlankgError("charts: no font with Chinese glyphs is installed; run `make lab` or "
                          "`apt-get install fonts-noto-cjk`")
    matplotlib.rcParams["font.family"] = "sans-serif"
    matplotlib.rcParams["font.sans-serif"] = [family, *matplotlib.rcParams["font.sans-serif"]]
    matplotlib.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    return family


def _installed_cjk_family(rescan: bool = False) -> str | None:
    """The first of :data:`CJK_FONTS` matplotlib knows.

    Args:
        rescan: Look at the system's font files first and add those matplotlib's cache lacks:
            the cache is written once, so fonts installed after it (``apt-get install
            fonts-noto-cjk``, as the error advises) are otherwise never seen.
    """
    from matplotlib import font_manager

    if rescan:
        known = {font.fname for font in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in known and any(key in path.lower() for key in CJK_FILE_KEYS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue  # an unreadable font file: try the others
    installed = {font.name for font in font_manager.fontManager.ttflist}
    return next((family for family in CJK_FONTS if family in installed), None)


def assert_glyphs_drawn(figure: object) -> None:
    """Draw ``figure`` and fail if any label needed a glyph the font lacks (a tofu box)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        figure.canvas.draw()  # type: ignore[attr-defined]


def integer_years(ax: object) -> None:
    """Year ticks on ``ax``'s x axis as whole years (2024, 2025), never 2024.2: every year in view
    when there are at most 30 of them, else whole years picked by matplotlib."""
    from matplotlib.ticker import FormatStrFormatter, MaxNLocator

    low, high = ax.get_xlim()  # type: ignore[attr-defined]
    years = list(range(math.ceil(low), math.floor(high) + 1))
    if 0 < len(years) <= 30:
        ax.set_xticks(years)  # type: ignore[attr-defined]
    else:
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # type: ignore[attr-defined]
    ax.xaxis.set_major_formatter(FormatStrFormatter("%d"))  # type: ignore[attr-defined]
