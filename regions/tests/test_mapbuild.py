"""The world map's build (regions/mapbuild.py) on a hand-made TopoJSON: no node_modules needed."""

import json
import math

import pytest
from django.core.management import call_command

from regions import mapbuild

# Two unit squares side by side sharing their middle edge (arc 0), quantized (scale 10 x 5 degrees,
# origin at 20 W, 10 N) and delta-encoded; Kosovo comes without an id; a unit with neither code
# nor known name is not drawn.
TINY = {
    "type": "Topology",
    "transform": {"scale": [10, 5], "translate": [-20, 10]},
    "arcs": [
        [[1, 0], [0, 1]],
        [[1, 1], [-1, 0], [0, -1], [1, 0]],
        [[1, 0], [1, 0], [0, 1], [-1, 0]],
        [[3, 0], [1, 0], [0, 1], [-1, 0], [0, -1]],
        [[5, 0], [1, 0], [0, 1], [-1, 0], [0, -1]],
    ],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "id": "484", "properties": {"name": "Mexico"}},
                {"type": "Polygon", "arcs": [[2, -1]], "id": "076", "properties": {"name": "Brazil"}},
                {"type": "MultiPolygon", "arcs": [[[3]]], "properties": {"name": "Kosovo"}},
                {"type": "Polygon", "arcs": [[4]], "properties": {"name": "Nowhere"}},
            ],
        }
    },
}


def test_decode_arcs_undoes_deltas_and_quantization():
    arcs = mapbuild.decode_arcs(TINY)
    assert arcs[0] == [(-10, 10), (-10, 15)]
    assert arcs[1] == [(-10, 15), (-20, 15), (-20, 10), (-10, 10)]
    assert arcs[2] == [(-10, 10), (0, 10), (0, 15), (-10, 15)]


def test_rings_join_arcs_and_reverse_negative_indexes():
    arcs = mapbuild.decode_arcs(TINY)
    # ~0 (written -1) is arc 0 backwards; the point two arcs share is taken once.
    assert mapbuild.ring(arcs, [2, -1]) == [(-10, 10), (0, 10), (0, 15), (-10, 15), (-10, 10)]
    assert mapbuild.ring(arcs, [0, 1]) == [(-10, 10), (-10, 15), (-20, 15), (-20, 10), (-10, 10)]


def test_codes_from_iso_numeric_ids_and_from_names():
    geometries = TINY["objects"]["countries"]["geometries"]
    assert [mapbuild.country_code(g) for g in geometries] == ["MX", "BR", "XK", None]
    assert mapbuild.country_code({"id": 4}) == "AF"  # a number, not zero-padded


def test_equal_earth_known_values():
    assert mapbuild.equal_earth(0, 0) == (0, 0)
    x, _y = mapbuild.equal_earth(180, 0)
    assert x == pytest.approx(2.70663, abs=1e-5)
    _x, y = mapbuild.equal_earth(0, 90)
    assert y == pytest.approx(1.31736, abs=1e-5)

    # Equal area: a 10-degree cell near the pole is as large as one at the equator times the ratio
    # of their areas on the sphere (sin 90 - sin 80 against sin 10 - sin 0).
    def cell(lat):
        corners = [
            mapbuild.equal_earth(lon, la) for lon, la in ((0, lat), (10, lat), (10, lat + 10), (0, lat + 10))
        ]
        return mapbuild.area(corners)

    sphere = (math.sin(math.radians(90)) - math.sin(math.radians(80))) / math.sin(math.radians(10))
    assert cell(80) / cell(0) == pytest.approx(sphere, rel=0.03)


def test_douglas_peucker_keeps_ends_and_far_points():
    line = [(0, 0), (1, 0.1), (2, -0.1), (3, 5), (4, 2.6), (5, 0)]
    assert mapbuild.simplify(line, 0.5) == [(0, 0), (2, -0.1), (3, 5), (5, 0)]
    assert mapbuild.simplify(line, 10) == [(0, 0), (5, 0)]


def test_path_data_is_relative_to_one_decimal():
    assert mapbuild.path_data([[(1, 2), (3.5, 2), (3.5, 0.3), (1, 2)]]) == "M1 2l2.5 0 0-1.7z"
    assert mapbuild.path_data([[(1, 1), (1.01, 1.02), (1, 1)]]) == ""  # nothing left to draw


def test_antimeridian_arcs_stay_on_their_side():
    assert mapbuild.unwrap([(178, 65), (179.9, 66), (-179.5, 66), (178, 67)]) == [
        (178, 65), (179.9, 66), (180.5, 66), (178, 67)
    ]  # fmt: skip


def test_build_draws_each_country_with_shared_borders():
    drawing = mapbuild.Drawing(width=1000)
    data = mapbuild.build(TINY, drawing=drawing, tolerance=0.01, min_area=0)
    assert set(data["countries"]) == {"MX", "BR", "XK"}
    assert data["unknown"] == ["Nowhere"]
    assert data["view_box"] == [0, 0, 1000, drawing.height]
    assert set(data["regions"]) == {"africa", "americas", "asia-and-the-pacific", "europe"}
    # The shared edge's ends, (10 W, 10 N) and (10 W, 15 N), are points of both squares.
    for lon, lat in ((-10, 10), (-10, 15)):
        x, y = drawing.point(lon, lat)
        for code in ("MX", "BR"):
            assert _absolute_points(data["countries"][code]).count((round(x, 1), round(y, 1))) == 1
    # Tuvalu, absent from the input, is a marker in the Pacific, west of the map's right edge.
    x, y = data["markers"]["TV"]
    assert 990 < x < 1000 and drawing.height / 2 < y < drawing.height


def test_the_command_writes_the_data_file(tmp_path):
    source, output = tmp_path / "tiny.json", tmp_path / "world.json"
    source.write_text(json.dumps(TINY))
    call_command(
        "build_world_map", source=str(source), output=str(output), stdout=open(tmp_path / "log", "w")
    )
    data = json.loads(output.read_text())
    assert data["source"].startswith("Natural Earth 1:50m")
    assert set(data["countries"]) == {"MX", "BR", "XK"}
    assert "3 countries" in (tmp_path / "log").read_text()


def _absolute_points(d):
    """The absolute points of path data written by path_data (one ring: M x y l dx dy ... z)."""
    import re

    numbers = [float(n) for n in re.findall(r"-?\d*\.?\d+", d)]
    x, y = numbers[0], numbers[1]
    points = [(round(x, 1), round(y, 1))]
    for dx, dy in zip(numbers[2::2], numbers[3::2], strict=True):
        x, y = x + dx, y + dy
        points.append((round(x, 1), round(y, 1)))
    return points
