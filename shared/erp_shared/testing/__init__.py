"""Test support: real PostgreSQL and RabbitMQ (from the environment, testcontainers where Docker is
reachable), per-run databases and vhost, tokens, and helpers to run and kill real worker processes."""
