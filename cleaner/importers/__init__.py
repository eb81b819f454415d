"""Converters from community site-rule sets to the project's rule files (``clean rules import``)."""
