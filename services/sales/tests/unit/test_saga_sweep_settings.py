"""The worker's sweep task reads its clock from the environment once, and refuses nonsense."""
import pytest

from sales.worker import saga_sweep_task


def test_defaults_sweep_every_ten_seconds():
    task = saga_sweep_task({})
    assert task.name == "reservation-sweep" and task.interval_seconds == 10


def test_the_interval_comes_from_the_environment():
    assert saga_sweep_task({"ERP_SAGA_SWEEP_SECONDS": "2.5", "ERP_SAGA_TIMEOUT_SECONDS": "5"}).interval_seconds == 2.5


@pytest.mark.parametrize("environ", [{"ERP_SAGA_SWEEP_SECONDS": "0"}, {"ERP_SAGA_TIMEOUT_SECONDS": "-1"},
                                     {"ERP_SAGA_SWEEP_SECONDS": "soon"}])
def test_a_bad_setting_fails_at_start_up(environ):
    with pytest.raises(ValueError):
        saga_sweep_task(environ)
