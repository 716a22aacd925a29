from catalogue.tests.fixtures import _catalogue_for_class, api, catalogue  # noqa: F401
