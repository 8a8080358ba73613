"""The HTML report's charts, as a reader of the saved page sees their grid lines and numbers."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from annotator.core.palette import GRAPHIC_CONTRAST, TEXT_CONTRAST, contrast_ratio
from annotator.formats.report import PAGE, svg_bar_chart, svg_line_chart, svg_stacked_bars

SVG = "{http://www.w3.org/2000/svg}"
DAYS = [f"2024-05-0{d}" for d in range(1, 6)]
CHARTS = {
    "line": lambda: svg_line_chart("Claims per day", DAYS, {"alice": [0, 5, 20, 3, 1]}),
    "bars": lambda: svg_bar_chart("Labels", ["alice", "bob"], {"claim": [4, 20], "no claim": [1, 2]}),
    "stacked": lambda: svg_stacked_bars("Claims per article", ["A", "B"], {"alice": [3, 20], "bob": [2, 1]}),
}


def _with_fill(element: ET.Element, inherited: str) -> Iterator[tuple[ET.Element, str]]:
    """Each element with the fill it is painted with: its own, else its parents' (SVG's default black)."""
    fill = element.get("fill", inherited)
    yield element, fill
    for child in element:
        yield from _with_fill(child, fill)


@pytest.mark.parametrize("chart", list(CHARTS))
def test_the_report_charts_grid_lines_and_numbers_stand_out_from_the_page(chart: str) -> None:
    """The grid lines were "#ddd" on the white page, 1.4:1: the counts could hardly be followed
    across to the axis. They stand 3:1 from it, and every text of the chart 4.5:1."""
    root = ET.fromstring(CHARTS[chart]())
    grid = [line for line in root.iter(f"{SVG}line") if line.get("stroke-width") is None]
    assert len(grid) >= 3
    for line in grid:
        assert contrast_ratio(line.get("stroke", ""), PAGE) >= GRAPHIC_CONTRAST, line.attrib
    texts = [(e, fill) for e, fill in _with_fill(root, "#000000") if e.tag == f"{SVG}text"]
    assert any((e.text or "").strip() == "20" for e, _ in texts)
    for element, fill in texts:
        assert contrast_ratio(fill, PAGE) >= TEXT_CONTRAST, (element.text, fill)
