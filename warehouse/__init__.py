"""The consolidated store: models, migrations, loading and queries."""
