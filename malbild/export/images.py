"""Chart images for the deck and the snapshot: Plotly figures rendered by Kaleido with the system Chromium.

All charts of a file are rendered in ONE browser session (`render_images`), because each browser start costs
seconds. Set BROWSER_PATH or MALBILD_CHROMIUM if Chromium is not at /usr/bin/chromium.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os

import plotly.graph_objects as go

from malbild.paths import chromium_path

# The deck's picture is 8.3 × 4.7 in: a PNG of 1200 × 680 px at scale 2.
IMG_W_PX, IMG_H_PX, IMG_SCALE = 1200, 680, 2


class RenderError(RuntimeError):
    """The charts could not be rendered (no Chromium, or Kaleido failed)."""


def _browser_env() -> None:
    """Point Kaleido at the system Chromium unless BROWSER_PATH is set already."""
    if not os.environ.get("BROWSER_PATH"):
        path = chromium_path()
        if path is None:
            raise RenderError("Chromium not found: install Debian's chromium or set BROWSER_PATH / MALBILD_CHROMIUM")
        os.environ["BROWSER_PATH"] = path


async def _render_all(figs: list[go.Figure], opts: list[dict]) -> list[bytes]:
    """Render every figure in one Kaleido (one browser), one after the other in a single tab."""
    import kaleido

    # mathjax=False: no MathJax from a CDN (the app uses no LaTeX); plotly.js comes from the plotly package.
    async with kaleido.Kaleido(n=1, mathjax=False) as k:
        return [await k.calc_fig(fig, opts=o) for fig, o in zip(figs, opts)]


def sized_figure(fig: go.Figure, width: int | None = IMG_W_PX, height: int | None = IMG_H_PX) -> go.Figure:
    """A copy of the figure at the picture's size (None keeps the figure's own, falling back to 900 × 450 px)."""
    return go.Figure(fig).update_layout(
        width=width or fig.layout.width or 900, height=height or fig.layout.height or 450
    )


def render_images(
    figs: list[go.Figure],
    format: str = "png",
    width: int | None = IMG_W_PX,
    height: int | None = IMG_H_PX,
    scale: float = IMG_SCALE,
) -> list[bytes]:
    """Render Plotly figures to PNG or SVG bytes in ONE browser session (one Chromium start for the batch).

    width/height None keeps each figure's own layout size (falling back to 900 × 450 px).
    """
    if not figs:
        return []
    _browser_env()
    sized, opts = [], []
    for fig in figs:
        sized.append(sized_figure(fig, width, height))
        opts.append(dict(format=format, width=sized[-1].layout.width, height=sized[-1].layout.height, scale=scale))
    # Run in a fresh thread: asyncio.run cannot be used where an event loop is already running (e.g. Jupyter).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        try:
            return pool.submit(asyncio.run, _render_all(sized, opts)).result()
        except Exception as exc:  # noqa: BLE001 - report any Kaleido/Chromium failure as one error type
            raise RenderError(f"rendering {len(figs)} chart(s) failed: {exc}") from exc
