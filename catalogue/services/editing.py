"""Editors' writes made from the version of a practice they read: a stale one is refused.

Two editors open the same practice; A saves; B saves what B typed over the version B opened. Without a
check, B's save silently undoes A's. Each practice counts its saves (`Practice.revision`, one more on
every save), and an editor's write says which version it was made from: the API's If-Match carries
the practice's ETag, which names its primary key and revision (common/api/conditional.py); the admin's
change form carries the revision it was opened on (catalogue/admin.py). The write goes ahead only
when that is still the practice's version.

The check and the write are one step: the writer's transaction reads the practice again under a row
lock (`SELECT ... FOR UPDATE`, held until it commits), compares, then saves. A second writer holding
the same version waits for the lock, then reads the revision the first one wrote and is refused.
(SQLite has no row locks and ignores FOR UPDATE; it lets one transaction write at a time, so of two
writers that read the same version one fails with "database is locked" rather than overwriting the
other. The deployments run PostgreSQL.)

The version is the practice's own: its fields and priority areas, what an editor writes. A save of
another practice, or of the institution or country a practice names, leaves it as it is, so it makes
no editor of this practice stale.
"""

from django.utils import formats
from django.utils.translation import gettext as _

from common.history import m2m_values

from ..models import PRACTICE_DATA_FIELDS

# If-Match: * -- any existing version will do.
ANY = "*"


class PracticeChanged(Exception):
    """The practice is no longer at the version the write was made from; `practice` is as it is now."""

    def __init__(self, practice):
        super().__init__(
            _(
                "This practice has changed since the version you have (it is now at revision %(revision)d). "
                "Fetch it again, review the changes, and send your change with its new ETag in If-Match."
            )
            % {"revision": practice.revision}
        )
        self.practice = practice


def version(practice):
    """What names this version of this practice: its primary key and revision, e.g. "12-3".

    The primary key keeps apart a practice deleted and another added later with the same slug.
    """
    return f"{practice.pk}-{practice.revision}"


def version_of(pk, revision):
    return f"{pk}-{revision}"


def for_edit(practices):
    """`practices` read under a row lock held until the transaction ends (only the practice's row:
    not the institution, country... that a select_related joins). Use inside transaction.atomic()."""
    return practices.select_for_update(of=("self",))


def check(practice, expected):
    """Raise PracticeChanged unless `practice` (read with for_edit()) is at one of the `expected`
    versions (see version()); ANY accepts whatever version it is at, None means no condition."""
    if expected is None or expected == ANY:
        return
    if version(practice) not in expected:
        raise PracticeChanged(practice)


def current_revision(practice):
    """The revision stored for `practice` now (a copy being saved may hold an older one: a version
    from its history that an editor reverts to)."""
    return type(practice)._base_manager.filter(pk=practice.pk).values_list("revision", flat=True).get()


def changes_since(practice, revision):
    """What differs between `practice` now (read with for_edit()) and its version `revision`, from
    its history: [(field, value now as an editor reads it)] for the fields editors write, in their
    order; [] when the saves since changed none of them; None when the history has no record of
    that version.

    The version is the latest record at or before that revision: a save that changed nothing
    leaves no record (common.history.write_held_history), so the one before it holds its values.
    """
    opened = (
        practice.history.filter(revision__lte=revision)
        .order_by("-revision", "-history_date", "-history_id")
        .first()
    )
    if opened is None:
        return None
    changed = []
    for name in PRACTICE_DATA_FIELDS:
        field = type(practice)._meta.get_field(name)
        if field.many_to_many:
            then = set(m2m_values(opened, name))
            now = set(getattr(practice, name).values_list("pk", flat=True))
        else:
            then, now = getattr(opened, field.attname), getattr(practice, field.attname)
        if then != now:
            changed.append((field, display(practice, field)))
    return changed


def latest_change(practice):
    """The history record of the latest save of `practice` (who and when), or None."""
    return practice.history.order_by("-history_date", "-history_id").select_related("history_user").first()


def display(practice, field):
    """The value of `field` of `practice` as an editor reads it: names, not keys; "—" for nothing."""
    if field.many_to_many:
        value = ", ".join(str(row) for row in getattr(practice, field.name).all())
    elif field.choices:
        value = getattr(practice, f"get_{field.name}_display")()
    else:
        value = getattr(practice, field.name)
        value = formats.localize(value) if value is not None else ""
    return str(value) if value not in (None, "") else "—"
