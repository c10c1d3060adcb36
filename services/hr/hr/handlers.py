"""HR consumes no events: it is the source of its records and needs no one else's."""
HANDLERS: dict = {}
