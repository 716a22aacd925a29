"""The numbers of /evidence/: the rubric with how many practices are at each level, and the gap
maps, priority area x evidence level and priority area x outcome, as evidence gap maps draw them:
every cell a count that links to its list, an empty cell a gap.

Two aggregate queries whatever the size of the catalogue (PracticeQuerySet.counts_by_area_and_evidence
and counts_by_evidence) and one of the reference data (the priority areas, every one a row, so that an
area without practices shows as a row of gaps). Counted once per content version and language (the
view caches it, as /statistics/).

A practice has one level and one outcome but may have several priority areas: a row's total is the
practices of that area, a column's total counts each practice once, so the column totals add up to
the number of practices and the rows may add up to more. Practices without a priority area (the
workshop's national strategies) have a row of their own, without links (no filter names them).
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from awards.models import PriorityArea

from .choices import Evidence, Outcome
from .evidence import RUBRIC


def list_url(**params):
    """The practice list filtered by `params` (in the active language's prefix)."""
    return f"{reverse('practice-list')}?{urlencode(params)}"


@dataclass(frozen=True)
class Cell:
    count: int
    url: str  # "" when the count links nowhere (a gap, or the row without a priority area)
    gap: bool = False  # a priority area without any practice in this column


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    url: str
    total: int


@dataclass(frozen=True)
class Row:
    key: str  # the priority area's slug, "" for the practices without one
    label: str
    url: str
    cells: list
    total: int


@dataclass(frozen=True)
class GapTable:
    """One gap map: priority areas (rows) x the values of `param` (columns), with totals."""

    param: str
    columns: list
    rows: list
    total: int

    @property
    def gaps(self):
        """How many cells of the priority areas' rows hold no practice."""
        return sum(cell.gap for row in self.rows for cell in row.cells)


@dataclass(frozen=True)
class RubricLevel:
    slug: str
    name: str
    definition: str
    example: str
    count: int
    url: str


@dataclass(frozen=True)
class EvidenceMap:
    levels: list
    by_evidence: GapTable
    by_outcome: GapTable
    total: int

    @classmethod
    def of(cls, practices):
        """Count `practices` (Practice.objects.visible_to(user) for the page): three queries."""
        cells = practices.counts_by_area_and_evidence()
        totals = practices.counts_by_evidence()
        areas = list(PriorityArea.objects.order_by("position", "slug"))
        level_totals = _sum(totals, "evidence")
        levels = [
            RubricLevel(
                level.slug,
                level.name,
                level.definition,
                level.example,
                level_totals.get(level.slug, 0),
                list_url(evidence=level.slug),
            )
            for level in RUBRIC
        ]
        return cls(
            levels=levels,
            by_evidence=_table("evidence", Evidence.choices, cells, totals, areas),
            by_outcome=_table("outcome", Outcome.choices, cells, totals, areas),
            total=sum(row["count"] for row in totals),
        )


def _sum(rows, *keys):
    """{(values of `keys`) or the one value: the sum of the rows' counts}."""
    sums = {}
    for row in rows:
        key = tuple(row[k] for k in keys) if len(keys) > 1 else row[keys[0]]
        sums[key] = sums.get(key, 0) + row["count"]
    return sums


def _table(param, choices, cells, totals, areas):
    counts = _sum(cells, "priority_areas__slug", param)
    column_totals = _sum(totals, param)
    columns = [
        Column(value, label, list_url(**{param: value}), column_totals.get(value, 0))
        for value, label in choices
    ]
    rows = []
    for area in areas:
        row_cells = [
            Cell(n, list_url(priority_area=area.slug, **{param: value}) if n else "", gap=not n)
            for value, _label in choices
            for n in [counts.get((area.slug, value), 0)]
        ]
        rows.append(
            Row(area.slug, area.display_name, list_url(priority_area=area.slug), row_cells,
                sum(c.count for c in row_cells))
        )  # fmt: skip
    unassigned = [Cell(counts.get((None, value), 0), "") for value, _label in choices]
    if any(cell.count for cell in unassigned):
        rows.append(Row("", _("No priority area"), "", unassigned, sum(c.count for c in unassigned)))
    return GapTable(param, columns, rows, sum(column_totals.values()))
