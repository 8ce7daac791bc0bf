"""URL configurations of the assessments app, one module per part of the site (see antikorupsi/urls.py)."""
