"""Plots of the quality report, rendered by matplotlib into PNG data URIs inside the page."""

import base64
import io

import matplotlib

matplotlib.use("Agg")  # no display: pages are rendered in workers and servers

import matplotlib.pyplot as plt
import polars as pl
from matplotlib.figure import Figure

from hunyin.labels import field_label

# Field names and reasons are Chinese in places; the CJK font ships with the system packages.
plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "DejaVu Sans"]
plt.rcParams["axes.unicode_minus"] = False


def _uri(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def bars(frame: pl.DataFrame, *, label: str, value: str, title: str) -> str | None:
    """A horizontal bar chart of ``value`` by ``label``; ``None`` when there is nothing to draw."""
    if frame.is_empty():
        return None
    fig, ax = plt.subplots(figsize=(7, 0.35 * frame.height + 1.2))
    ax.barh(frame[label].cast(pl.String).to_list()[::-1], frame[value].to_list()[::-1])
    ax.set_title(title)
    return _uri(fig)


def confidence(frame: pl.DataFrame) -> str | None:
    """Box plots of the engines' confidence, one box per field."""
    if frame.is_empty():
        return None
    fields = sorted(frame["field"].unique().to_list())
    values = [frame.filter(pl.col("field") == f)["confidence"].to_list() for f in fields]
    fig, ax = plt.subplots(figsize=(7, 0.3 * len(fields) + 1.2))
    ax.boxplot(values, vert=False, tick_labels=[field_label(f) for f in fields], showfliers=False)
    ax.set_xlim(0, 1.02)
    ax.set_title("各字段读数的置信度")
    return _uri(fig)


def stacked(frame: pl.DataFrame, *, index: str, columns: str, title: str) -> str | None:
    """Counts of ``columns`` stacked on each ``index`` value."""
    if frame.is_empty():
        return None
    table = frame.pivot(on=columns, index=index, values="count", aggregate_function="sum")
    table = table.fill_null(0).sort(index)
    fig, ax = plt.subplots(figsize=(7, 3.5))
    left = [0] * table.height
    labels = table[index].cast(pl.String).to_list()
    for name in table.columns[1:]:
        ax.barh(labels, table[name].to_list(), left=left, label=name)
        left = [a + b for a, b in zip(left, table[name].to_list(), strict=True)]
    ax.legend(fontsize=7)
    ax.set_title(title)
    return _uri(fig)


def trend(frame: pl.DataFrame) -> str | None:
    """Shares accepted and to review, batch after batch."""
    if frame.height < 1:
        return None
    fig, ax = plt.subplots(figsize=(7, 3))
    batches = frame["batch"].to_list()
    ax.plot(batches, frame["accepted_share"].to_list(), marker="o", label="直接入库")
    ax.plot(batches, frame["review_share"].to_list(), marker="o", label="待复核")
    ax.set_ylim(0, 1.05)
    ax.tick_params(axis="x", rotation=60, labelsize=6)
    ax.legend()
    ax.set_title("各批次的变化")
    return _uri(fig)
