"""Crash points that only fault-injection tests switch on (RELIABILITY.md: "Injecting a fault honestly").

`ERP_FAULT_POINT=<name>` makes the process exit at that point exactly as a SIGKILL would leave it:
no cleanup, no ack, no rollback beyond what PostgreSQL does for an open transaction.
"""
import os
import sys


def crash_point(name: str) -> None:
    if os.environ.get("ERP_FAULT_POINT") == name:
        sys.stderr.write(f"fault point {name}: exiting 137\n")
        sys.stderr.flush()
        os._exit(137)
