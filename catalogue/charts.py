"""Geometry of the server-drawn SVG charts: numbers in, coordinates out; templates draw them.

No chart library and nothing fetched: a chart is a dict of rectangles, circles and paths that
`templates/includes/_bar_chart.html` and `_map.html` turn into SVG. Colours come from CSS classes
(site.css), so the charts follow the stylesheet and need no style attribute.
"""

import math

from regions.geo import BOUNDS, COUNTRY_POINTS, LABEL_LEFT, LAND, WATER


def nice_step(maximum, ticks=5):
    """A round step (1, 2, 5 x 10^n) that divides 0..maximum into about `ticks` intervals."""
    if maximum <= 0:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(1, int(factor * power))
    return int(10 * power)


def bar_chart(rows, series, width=720, label_width=300, bar_height=20, gap=8, top=28):
    """Horizontal bars, stacked by series.

    rows: [{"label": str, "values": [n per series], "url": optional}]; series: [{"key", "label"}].
    Returns {"width", "height", "plot_x", "plot_width", "ticks": [{"x", "value"}], "bars": [{"label",
    "y", "text_y", "total", "total_x", "segments": [{"x", "width", "key", "label", "value"}]}]}.
    """
    plot_x = label_width + 8
    plot_width = width - plot_x - 48
    maximum = max((sum(r["values"]) for r in rows), default=0)
    step = nice_step(maximum)
    scale_max = max(step, math.ceil(maximum / step) * step)
    unit = plot_width / scale_max
    bars = []
    for index, row in enumerate(rows):
        y = top + index * (bar_height + gap)
        x = plot_x
        segments = []
        for serie, value in zip(series, row["values"], strict=True):
            if value:
                segments.append(
                    {
                        "x": round(x, 2),
                        "width": round(value * unit, 2),
                        "key": serie["key"],
                        "label": serie["label"],
                        "value": value,
                    }
                )
                x += value * unit
        total = sum(row["values"])
        bars.append(
            {
                "label": row["label"],
                "url": row.get("url"),
                "y": y,
                "text_y": y + bar_height * 0.72,
                "height": bar_height,
                "total": total,
                "total_x": round(x + 6, 2),
                "segments": segments,
            }
        )
    height = top + len(rows) * (bar_height + gap) + 4
    ticks = [
        {"x": round(plot_x + value * unit, 2), "value": value} for value in range(0, scale_max + 1, step)
    ]
    return {
        "width": width,
        "height": height,
        "plot_x": plot_x,
        "plot_width": plot_width,
        "axis_y": top - 8,
        "bottom": height - 4,
        "ticks": ticks,
        "bars": bars,
    }


def _projector(width):
    """An equirectangular projection of BOUNDS onto a `width`-wide box (longitudes shrunk by cos 20°)."""
    west, east, north, south = BOUNDS
    squeeze = math.cos(math.radians(20))
    scale = width / ((east - west) * squeeze)
    height = (north - south) * scale

    def project(lon, lat):
        return round((lon - west) * squeeze * scale, 1), round((north - lat) * scale, 1)

    return project, round(height, 1)


def _path(project, ring):
    points = [project(lon, lat) for lon, lat in ring]
    return "M" + " L".join(f"{x} {y}" for x, y in points) + " Z"


def country_map(counts, width=560, max_radius=18, min_radius=5):
    """A schematic map of the Americas with a circle per country, its area proportional to its count.

    counts: [{"code", "name", "count", "url"}]; countries without a known position are left out
    (the table beside the map lists every country). Returns {"width", "height", "land": [path],
    "water": [path], "points": [{"x", "y", "r", "code", "name", "count", "url", "label_x", "label_y",
    "anchor"}]}.
    """
    project, height = _projector(width)
    maximum = max((c["count"] for c in counts), default=0) or 1
    points = []
    for country in sorted(counts, key=lambda c: -c["count"]):
        position = COUNTRY_POINTS.get(country["code"])
        if position is None or not country["count"]:
            continue
        x, y = project(*position)
        radius = round(max(min_radius, max_radius * math.sqrt(country["count"] / maximum)), 1)
        points.append(
            {
                **country,
                "x": x,
                "y": y,
                "r": radius,
                "label_x": round(x - radius - 3, 1)
                if country["code"] in LABEL_LEFT
                else round(x + radius + 3, 1),
                "label_y": round(y + 4, 1),
                "anchor": "end" if country["code"] in LABEL_LEFT else "start",
            }
        )
    return {
        "width": width,
        "height": height,
        "land": [_path(project, ring) for ring in LAND.values()],
        "water": [_path(project, ring) for ring in WATER.values()],
        "points": points,
    }
