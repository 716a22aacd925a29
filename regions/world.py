"""The world map's shapes, read from regions/data/world.json (built by `make map`, committed).

Nothing here reads node_modules or fetches anything: the data file holds the view box of the whole
world, one per ISSA region (by slug) for the zoom views, each country's SVG path data by ISO 3166-1
alpha-2 code, and a point for the countries too small to draw at this scale (regions/mapbuild.py).
"""

import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "world.json"


@lru_cache(maxsize=1)
def world():
    """The parsed data file, read once per process."""
    return json.loads(DATA.read_text(encoding="utf-8"))


def view_box(region=None):
    """The view box, "x y width height", of the whole world or of the region with slug `region`."""
    data = world()
    box = data["regions"][region] if region else data["view_box"]
    return " ".join(_number(n) for n in box)


def region_slugs():
    """The slugs of the regions that have a zoom view."""
    return list(world()["regions"])


def _number(value):
    return f"{value:g}"
