"""Geometry of the server-drawn SVG charts: numbers in, coordinates out; templates draw them.

No chart library and nothing fetched: a chart is a dict of rectangles, circles and paths that
`templates/includes/_bar_chart.html` and `_world_map.html` turn into SVG (the world map's shapes
are Natural Earth's, projected and simplified at build time: regions/mapbuild.py, regions/world.py).
Colours come from CSS classes (site.css), so the charts follow the stylesheet and need no style
attribute.
"""

import math

from regions.world import view_box, world


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


# Map classes: the sequences of round upper bounds tried in turn until at most MAP_CLASSES classes
# cover the largest count (1, 2, 5, 10, 20, ... then 1, 5, 10, 50, ... then 1, 10, 100, ...).
MAP_CLASSES = 5
MAP_STEPS = ((1, 2, 5), (1, 5), (1,))
MARKER_RADIUS = 2.2


def map_classes(counts, most=MAP_CLASSES):
    """The legend's classes for positive `counts`: [{"level", "low", "high"}], level 1 the lightest.

    Class bounds are round numbers (1, 2-5, 6-10, 11-20 ...), the top class ending at the largest
    count; zero has a class of its own (level 0) that is not in this list.
    """
    maximum = max((n for n in counts if n > 0), default=0)
    if not maximum:
        return []
    for factors in MAP_STEPS:
        bounds, power = [], 1
        while not bounds or bounds[-1] < maximum:
            bounds.extend(f * power for f in factors if not bounds or f * power > bounds[-1])
            power *= 10
        bounds = [b for i, b in enumerate(bounds) if i == 0 or bounds[i - 1] < maximum]
        if len(bounds) <= most:
            break
    classes, low = [], 1
    for level, high in enumerate(bounds, start=1):
        classes.append({"level": level, "low": low, "high": min(high, maximum)})
        low = high + 1
    return classes


def map_level(count, classes):
    """The class level of `count` (0 for none)."""
    for cls in classes:
        if count <= cls["high"]:
            return cls["level"] if count else 0
    return classes[-1]["level"] if classes else 0


def world_map(counts, reference, region=None):
    """The world map of /statistics/: every country's shape shaded by its number of practices.

    counts: [{"code", "name", "count", "url"}] of the countries with practices; reference: {code:
    name} of every country the catalogue holds (named in the map even without practices); region:
    the slug of a zoom view or None for the whole world. Returns {"view_box", "shapes": [{"code",
    "d", "level", "count", "name", "url"}], "markers": [{"code", "x", "y", "r", ...}], "classes"}.
    Shapes with practices come last, so their outline is drawn over their neighbours'.
    """
    data = world()
    by_code = {c["code"]: c for c in counts if c["count"]}
    classes = map_classes([c["count"] for c in by_code.values()])

    def entry(code):
        country = by_code.get(code)
        count = country["count"] if country else 0
        return {
            "code": code,
            "count": count,
            "level": map_level(count, classes),
            "name": country["name"] if country else reference.get(code, ""),
            "url": country["url"] if country else "",
        }

    shapes = [{**entry(code), "d": d} for code, d in data["countries"].items()]
    shapes.sort(key=lambda shape: (shape["count"] > 0, shape["count"]))
    markers = [
        {**entry(code), "x": x, "y": y, "r": MARKER_RADIUS} for code, (x, y) in data["markers"].items()
    ]
    return {
        "view_box": view_box(region),
        "shapes": shapes,
        "markers": markers,
        "classes": classes,
    }
