"""The project's own framework: what every app uses and what knows no app.

Strict filters and their errors, accent-folding search, pagination, the response cache and
conditional GET, history and its admin, the API's shared pieces, and the base of the pages that
list an object's items. Nothing here imports `regions`, `awards`, `catalogue` or `config`
(tests/test_layers.py checks it): what differs per app is passed in or set in settings.
"""
