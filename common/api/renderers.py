"""CSV for API lists: one row per item, a header row of stable column names, UTF-8."""

import csv
import io

from rest_framework.renderers import BaseRenderer


def _cell(value):
    """A cell as JSON would say it: empty for null, `true`/`false` for a boolean."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


class CSVRenderer(BaseRenderer):
    """Renders a list of flat dicts. The view puts the column names in the renderer context
    (`csv_header`), so an empty list still has its header row.

    No byte-order mark: it is plain UTF-8, what programs expect (see docs/api.md for Excel).
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        if data is None:
            return b""
        rows = [data] if isinstance(data, dict) else list(data)
        header = renderer_context.get("csv_header") or (list(rows[0]) if rows else [])
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=header, extrasaction="ignore", lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _cell(value) for key, value in row.items()})
        return buffer.getvalue().encode(self.charset)
