from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "catalogue"
    verbose_name = "Catalogue"

    def ready(self):
        from django.db.backends.signals import connection_created

        from .caching import connect_signals
        from .search import register_sqlite_functions

        connect_signals()

        connection_created.connect(register_sqlite_functions, dispatch_uid="catalogue-sqlite-unaccent")
