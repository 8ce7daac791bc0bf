"""Reusable read-only queries of the assessments app (select_related, prefetch, annotate), by concept."""
