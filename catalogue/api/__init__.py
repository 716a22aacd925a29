"""The catalogue's REST API (/api/v1/): practices, institutions, and what every app's API shares."""
