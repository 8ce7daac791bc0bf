"""Forms of the assessments app, one module per concept."""
