"""Document numbers are gap-free per prefix and year, even under concurrency and rollbacks."""
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import MetaData, create_engine

from erp_shared.db import Database
from erp_shared.manage import create_database, drop_database
from erp_shared.numbering import counter_table, next_number

metadata = MetaData()
counters = counter_table(metadata)


@pytest.fixture(scope="module")
def db(erp_infra):
    url = erp_infra.database_url("numbering")
    drop_database(url)
    create_database(url)
    engine = create_engine(url)
    metadata.create_all(engine)
    engine.dispose()
    database = Database(url, pool_size=10)
    yield database
    database.dispose()
    drop_database(url)


def take(db, prefix, fail=False):
    with db.unit_of_work() as session:
        number = next_number(session, counters, prefix, 2026)
        if fail:
            raise RuntimeError("the document was not saved")
    return number


def test_numbers_are_gap_free_under_concurrency_and_rollback(db):
    def attempt(n):
        try:
            return take(db, "PO", fail=n % 5 == 0)
        except RuntimeError:
            return None

    with ThreadPoolExecutor(8) as pool:
        numbers = [n for n in pool.map(attempt, range(100)) if n]
    assert len(numbers) == 80
    assert sorted(numbers) == [f"PO-2026-{n:06d}" for n in range(1, 81)]


def test_each_prefix_and_year_counts_on_its_own(db):
    assert take(db, "GRN") == "GRN-2026-000001"
    with db.unit_of_work() as session:
        assert next_number(session, counters, "GRN", 2027) == "GRN-2027-000001"
