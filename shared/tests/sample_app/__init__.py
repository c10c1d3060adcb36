"""A minimal producer/consumer pair for testing the messaging library with real processes.

It consumes HR department events (a real catalog type) with a deliberately non-idempotent effect (one row
per application), so a duplicate application would show up as a second row.
"""
