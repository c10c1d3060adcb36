from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from manufacturing.models import metadata


def test_the_migrations_build_exactly_the_models(app):
    with app.extensions["erp_db"].engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
