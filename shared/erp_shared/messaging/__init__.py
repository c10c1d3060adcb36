"""Reliable messaging: transactional outbox, relay, idempotent consumer, topology and dead letters."""
