from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "common"
    verbose_name = "Common"

    def ready(self):
        from axes.signals import user_locked_out
        from django.db.backends.signals import connection_created

        from . import caching, lockout, statement_timeout
        from .search import register_sqlite_functions

        caching.connect_signals()
        connection_created.connect(register_sqlite_functions, dispatch_uid="common-sqlite-unaccent")
        user_locked_out.connect(lockout.log_lockout, dispatch_uid="common-lockout-log")
        connection_created.connect(
            statement_timeout.on_connection_created, dispatch_uid="common-statement-timeout"
        )
        # drf-spectacular registers an extension when its class is defined: importing the module
        # here, once the apps are ready, is how its documentation says to install one.
        from .api import schema  # noqa: F401
