"""Writes of the catalogue: the fixture builder (parsing the sources) and the loader."""
