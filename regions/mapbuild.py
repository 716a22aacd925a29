"""Build regions/data/world.json, the world map of /statistics/, from Natural Earth's TopoJSON.

Run by `make map` (`manage.py build_world_map`) when the boundaries or the drawing change, never at
run time: the pages read only the committed data file. The input is world-atlas' countries-50m.json
(Natural Earth 1:50m admin-0 countries, quantized TopoJSON, longitudes and latitudes in degrees).

Steps, all small code of our own:
1. decode the arcs (delta-encoded, quantized integers -> degrees);
2. project every arc with Equal Earth (Šavrič, Patterson and Jenny, 2018), an equal-area
   projection with a closed-form formula;
3. simplify every arc with Douglas-Peucker: arcs are shared by neighbours, so simplifying arcs
   rather than rings keeps borders common (no gaps, no overlaps);
4. join the arcs into rings and polygons, drop rings too small to see, and write each country's
   shape as SVG path data in relative coordinates, keyed on its ISO 3166-1 alpha-2 code.
"""

import itertools
import json
import math
from pathlib import Path

SOURCE = Path("node_modules/world-atlas/countries-50m.json")
OUTPUT = Path(__file__).resolve().parent / "data" / "world.json"

# The drawing: WIDTH units across the whole world; coordinates to one decimal.
WIDTH = 1000
TOLERANCE = 0.35  # Douglas-Peucker, in drawing units (about 0.13 degree at the equator)
MIN_RING_AREA = 0.6  # square units; smaller islands are left out, but never a country's largest ring
SOUTH = -58.0  # the drawing stops here (Antarctica is not drawn)
NORTH = 84.0

# ISO 3166-1 numeric -> alpha-2, for the ids world-atlas uses.
ISO_NUMERIC = dict(
    pair.split(":")
    for pair in """
004:AF 008:AL 010:AQ 012:DZ 016:AS 020:AD 024:AO 028:AG 031:AZ 032:AR 036:AU 040:AT 044:BS 048:BH
050:BD 051:AM 052:BB 056:BE 060:BM 064:BT 068:BO 070:BA 072:BW 076:BR 084:BZ 086:IO 090:SB 092:VG
096:BN 100:BG 104:MM 108:BI 112:BY 116:KH 120:CM 124:CA 132:CV 136:KY 140:CF 144:LK 148:TD 152:CL
156:CN 158:TW 170:CO 174:KM 178:CG 180:CD 184:CK 188:CR 191:HR 192:CU 196:CY 203:CZ 204:BJ 208:DK
212:DM 214:DO 218:EC 222:SV 226:GQ 231:ET 232:ER 233:EE 234:FO 238:FK 239:GS 242:FJ 246:FI 248:AX
250:FR 258:PF 260:TF 262:DJ 266:GA 268:GE 270:GM 275:PS 276:DE 288:GH 296:KI 300:GR 304:GL 308:GD
316:GU 320:GT 324:GN 328:GY 332:HT 334:HM 336:VA 340:HN 344:HK 348:HU 352:IS 356:IN 360:ID 364:IR
368:IQ 372:IE 376:IL 380:IT 384:CI 388:JM 392:JP 398:KZ 400:JO 404:KE 408:KP 410:KR 414:KW 417:KG
418:LA 422:LB 426:LS 428:LV 430:LR 434:LY 438:LI 440:LT 442:LU 446:MO 450:MG 454:MW 458:MY 462:MV
466:ML 470:MT 478:MR 480:MU 484:MX 492:MC 496:MN 498:MD 499:ME 500:MS 504:MA 508:MZ 512:OM 516:NA
520:NR 524:NP 528:NL 531:CW 533:AW 534:SX 540:NC 548:VU 554:NZ 558:NI 562:NE 566:NG 570:NU 574:NF
578:NO 580:MP 583:FM 584:MH 585:PW 586:PK 591:PA 598:PG 600:PY 604:PE 608:PH 612:PN 616:PL 620:PT
624:GW 626:TL 630:PR 634:QA 642:RO 643:RU 646:RW 652:BL 654:SH 659:KN 660:AI 662:LC 663:MF 666:PM
670:VC 674:SM 678:ST 682:SA 686:SN 688:RS 690:SC 694:SL 702:SG 703:SK 704:VN 705:SI 706:SO 710:ZA
716:ZW 724:ES 728:SS 729:SD 732:EH 740:SR 748:SZ 752:SE 756:CH 760:SY 762:TJ 764:TH 768:TG 776:TO
780:TT 784:AE 788:TN 792:TR 795:TM 796:TC 798:UG 800:UA 804:UA 807:MK 818:EG 826:GB 831:GG 832:JE
833:IM 834:TZ 840:US 850:VI 854:BF 858:UY 860:UZ 862:VE 876:WF 882:WS 887:YE 894:ZM
""".split()
)

# Natural Earth units without an ISO code, by their name: drawn as part of the country named here,
# or (None) not drawn as a country of their own.
WITHOUT_CODE = {
    "Kosovo": "XK",  # the user-assigned code in common use (CLDR, the EU)
    "N. Cyprus": "CY",
    "Somaliland": "SO",
    "Siachen Glacier": None,
    "Indian Ocean Ter.": None,  # Christmas Island and the Cocos Islands: markers below
}

LEFT_OUT = {"AQ"}  # Antarctica: no practice can come from it, and it would take a fifth of the height

# Countries and territories Natural Earth's 1:50m countries do not hold as a unit of their own: a
# small circle at (longitude, latitude), near the centre of their land.
MARKERS = {
    "BQ": (-68.26, 12.18),  # Bonaire, Sint Eustatius and Saba
    "CC": (96.87, -12.16),  # Cocos (Keeling) Islands
    "CX": (105.69, -10.49),  # Christmas Island
    "GF": (-53.1, 3.9),  # French Guiana (a part of France's shape)
    "GI": (-5.35, 36.14),  # Gibraltar
    "GP": (-61.55, 16.25),  # Guadeloupe
    "MQ": (-61.02, 14.64),  # Martinique
    "RE": (55.54, -21.12),  # Réunion
    "TK": (-171.85, -9.17),  # Tokelau
    "TV": (179.2, -8.5),  # Tuvalu
    "YT": (45.15, -12.83),  # Mayotte
}

# The zoom views of the map, one per ISSA region (its slug): points (longitude, latitude) the view
# must hold, at the edges of the region's member countries; the view box is the smallest that holds
# them, with a margin.
REGION_POINTS = {
    "africa": [(-25.0, 16.0), (-17.5, 14.7), (10.0, 37.5), (51.5, 11.5), (57.8, -20.3), (18.5, -34.8)],
    "americas": [
        (-168.0, 65.6), (-124.7, 48.4), (-117.0, 32.5), (-81.3, -5.0), (-67.3, -55.9), (-34.8, -7.2),
        (-52.6, 47.5), (-80.0, 82.5),
    ],
    "asia-and-the-pacific": [
        (34.5, 29.5), (55.0, 45.0), (100.0, 52.0), (146.0, 45.5), (179.9, -17.0), (168.0, -47.0),
        (113.0, -35.0), (-171.8, -13.8),
    ],
    "europe": [(-24.5, 65.5), (-9.5, 37.0), (34.5, 34.8), (45.0, 39.0), (60.0, 66.0), (28.0, 71.2)],
}  # fmt: skip
MARGIN = 0.04  # of the view's width and height, on each side

# Equal Earth's coefficients.
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2


def equal_earth(lon, lat):
    """(x, y) of Equal Earth on the unit sphere; y grows northwards."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y


class Drawing:
    """Equal Earth scaled to WIDTH units across, y downwards, cut at NORTH and SOUTH."""

    def __init__(self, width=WIDTH, north=NORTH, south=SOUTH):
        self.scale = width / (2 * equal_earth(180, 0)[0])
        self.top = equal_earth(0, north)[1]
        self.width = width
        self.height = round((self.top - equal_earth(0, south)[1]) * self.scale, 1)

    def point(self, lon, lat):
        x, y = equal_earth(lon, lat)
        return (x * self.scale + self.width / 2, (self.top - y) * self.scale)

    def box(self, points, margin=MARGIN):
        """The view box [x, y, width, height] that holds `points` (longitude, latitude) with a margin;
        a point west of 180 W counts on the east (Samoa with Asia and the Pacific), within the map."""
        projected = [
            self.point(lon + 360 if lon < -170 and any(p[0] > 170 for p in points) else lon, lat)
            for lon, lat in points
        ]
        xs = [min(self.width, x) for x, _y in projected]
        ys = [y for _x, y in projected]
        dx, dy = (max(xs) - min(xs)) * margin, (max(ys) - min(ys)) * margin
        x0, y0 = max(0.0, min(xs) - dx), max(0.0, min(ys) - dy)
        x1, y1 = min(self.width, max(xs) + dx), min(self.height, max(ys) + dy)
        return [round(x0, 1), round(y0, 1), round(x1 - x0, 1), round(y1 - y0, 1)]


def decode_arcs(topology):
    """The topology's arcs as lists of (longitude, latitude), undoing quantization and delta-encoding."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(p[0]), float(p[1])) for p in arc])
            continue
        (kx, ky), (dx, dy) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for position in arc:
            x += position[0]
            y += position[1]
            points.append((x * kx + dx, y * ky + dy))
        arcs.append(points)
    return arcs


def unwrap(arc):
    """An arc that crosses the antimeridian (Russia's Chukotka, Fiji) kept on the side where most of
    it lies: longitudes beyond 180° there, drawn past the edge of the map and cut off by the view box,
    rather than a line from one edge of the map to the other."""
    if not any(abs(b[0] - a[0]) > 180 for a, b in itertools.pairwise(arc)):
        return arc
    east = sum(1 for lon, _lat in arc if lon > 0) >= len(arc) / 2
    if east:
        return [(lon + 360 if lon < 0 else lon, lat) for lon, lat in arc]
    return [(lon - 360 if lon > 0 else lon, lat) for lon, lat in arc]


def ring(arcs, indexes):
    """A closed ring from arc indexes; a negative index ~i is arc i reversed. Shared ends once."""
    points = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry):
    """A geometry's polygons, each a list of rings given by arc indexes (Polygon or MultiPolygon)."""
    if geometry.get("type") == "Polygon":
        return [geometry["arcs"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def simplify(points, tolerance):
    """Douglas-Peucker: the points of the polyline within `tolerance` of it; both ends always kept."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                d = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:
                d = math.hypot(px - ax, py - ay)
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def area(points):
    """The absolute area of a closed ring (shoelace)."""
    total = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        total += x0 * y1 - x1 * y0
    return abs(total) / 2


def path_data(rings):
    """SVG path data: each ring an absolute move, then relative lines, to one decimal; closed."""
    parts = []
    for points in rings:
        rounded = [(round(x * 10), round(y * 10)) for x, y in points]
        deduplicated = [rounded[0]]
        for point in rounded[1:]:
            if point != deduplicated[-1]:
                deduplicated.append(point)
        if deduplicated[-1] == deduplicated[0]:
            deduplicated.pop()
        if len(deduplicated) < 3:
            continue
        x, y = deduplicated[0]
        text = [f"M{_number(x)} {_number(y)}l"]
        steps = []
        for nx, ny in deduplicated[1:]:
            steps.append(f"{_number(nx - x)} {_number(ny - y)}")
            x, y = nx, ny
        text.append(" ".join(steps).replace(" -", "-"))
        parts.append("".join(text) + "z")
    return "".join(parts)


def _number(tenths):
    """Tenths as the shortest decimal: 12 -> '1.2', -5 -> '-.5', 30 -> '3'."""
    sign = "-" if tenths < 0 else ""
    whole, tenth = divmod(abs(tenths), 10)
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole or ''}.{tenth}"


def _ring_to_draw(exact, simplified, indexes, tolerance):
    """The ring from simplified arcs; a small island that they flatten to a line, from the exact arcs
    simplified as one ring at a tenth of the tolerance (its only border is its coast, shared with no one)."""
    points = ring(simplified, indexes)
    if len({(round(x, 1), round(y, 1)) for x, y in points}) >= 3 and area(points) > 0:
        return points
    return simplify(ring(exact, indexes), tolerance / 10)


def country_code(geometry):
    """The alpha-2 code of a TopoJSON country, or None for a unit not drawn as a country."""
    identifier = geometry.get("id")
    if identifier is not None:
        return ISO_NUMERIC.get(str(identifier).zfill(3))
    return WITHOUT_CODE.get((geometry.get("properties") or {}).get("name"))


def build(topology, object_name="countries", drawing=None, tolerance=TOLERANCE, min_area=MIN_RING_AREA):
    """The map's data from a TopoJSON topology: {"view_box", "countries": {code: path}, ...}."""
    drawing = drawing or Drawing()
    arcs = [unwrap(arc) for arc in decode_arcs(topology)]
    exact = [[drawing.point(lon, max(SOUTH, min(NORTH, lat))) for lon, lat in arc] for arc in arcs]
    projected = [simplify(arc, tolerance) for arc in exact]
    rings_by_code = {}
    unknown = []
    for geometry in topology["objects"][object_name]["geometries"]:
        code = country_code(geometry)
        if code is None:
            unknown.append((geometry.get("properties") or {}).get("name") or str(geometry.get("id")))
            continue
        if code in LEFT_OUT:
            continue
        for polygon in polygons(geometry):
            rings = [_ring_to_draw(exact, projected, indexes, tolerance) for indexes in polygon]
            rings_by_code.setdefault(code, []).append(rings)
    countries, markers = {}, {}
    for code, polygon_list in sorted(rings_by_code.items()):
        largest = max(polygon_list, key=lambda rings: area(rings[0]))
        kept = [rings for rings in polygon_list if rings is largest or area(rings[0]) >= min_area]
        flat = [
            points for rings in kept for points in rings if points is rings[0] or area(points) >= min_area
        ]
        data = path_data(flat)
        if data:
            countries[code] = data
        else:  # too small to draw at this scale (the Vatican): a marker at the middle of its ring
            points = largest[0]
            markers[code] = [
                round(sum(p[0] for p in points) / len(points), 1),
                round(sum(p[1] for p in points) / len(points), 1),
            ]
    for code, (lon, lat) in sorted(MARKERS.items()):
        if code not in countries:
            x, y = drawing.point(lon, lat)
            markers[code] = [round(x, 1), round(y, 1)]
    markers = dict(sorted(markers.items()))
    return {
        "view_box": [0, 0, drawing.width, drawing.height],
        "regions": {slug: drawing.box(points) for slug, points in REGION_POINTS.items()},
        "countries": countries,
        "markers": markers,
        "unknown": sorted(unknown),
    }


def write(source=SOURCE, output=OUTPUT):
    """Read the TopoJSON at `source`, write the map's data to `output`; returns the data written."""
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    data = build(topology)
    data = {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), from world-atlas "
        f"{_package_version(Path(source))} countries-50m.json; projection Equal Earth",
        **data,
    }
    Path(output).write_text(json.dumps(data, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    return data


def _package_version(source):
    package = source.parent / "package.json"
    if package.exists():
        return json.loads(package.read_text(encoding="utf-8")).get("version", "?")
    return "?"
