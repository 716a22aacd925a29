"""Query strings of the pages: the same view without a parameter (or one of its values), links."""


def _split(raw):
    return [part.strip() for part in raw.split(",") if part.strip()]


def query_without(params, *names, value=None, also=()):
    """The query string of `params` (a QueryDict) without the parameters `names`.

    With `value`, only that value of them is dropped (a chip removes one country, not all), also
    from a comma-separated list (`?country=UY,MX`). Empty values (an unfilled search box) are
    dropped too: they add nothing to a shared link. Parameters in `also` are dropped whole.
    """
    query = params.copy()
    for name in also:
        query.pop(name, None)
    for name in names:
        if value is None:
            query.pop(name, None)
            continue
        kept = []
        for raw in query.getlist(name):
            if raw == value:
                continue
            parts = _split(raw)
            if "," in raw and value in parts:
                raw = ",".join(part for part in parts if part != value)
            kept.append(raw)
        query.setlist(name, kept)
    for key in list(query):
        kept = [v for v in query.getlist(key) if v.strip()]
        if kept:
            query.setlist(key, kept)
        else:
            query.pop(key)
    return query.urlencode()


def has_empty_values(params):
    return any(not v.strip() for key in params for v in params.getlist(key))


def with_query(path, query):
    return f"{path}?{query}" if query else path


def without(request, *names):
    """The address of the same view without the parameters `names` (and on its first page)."""
    return with_query(request.path, query_without(request.GET, *names, "page"))
