import threading

from erp_shared.worker import PeriodicTask, run_periodically


def test_a_periodic_task_runs_on_its_interval_survives_failures_and_stops():
    calls = []
    stop = threading.Event()

    def sweep(db):
        calls.append(db)
        if len(calls) == 1:
            raise RuntimeError("the first round fails")
        if len(calls) == 3:
            stop.set()

    thread = threading.Thread(target=run_periodically, args=(PeriodicTask("sweep", 0.01, sweep), "db", stop))
    thread.start()
    thread.join(5)
    assert not thread.is_alive() and calls == ["db", "db", "db"]
