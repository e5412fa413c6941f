"""Storage: the schema, sessions, migrations and the queries the pipeline needs."""
