"""HR: departments and employees (master data it owns), which other services name in their documents."""
SERVICE = "hr"
