"""Adapters to other pipelines, each behind its own extra (``cleaner.integrations.datatrove``).

Nothing here is imported by ``import cleaner``: an adapter needs its pipeline installed.
"""
