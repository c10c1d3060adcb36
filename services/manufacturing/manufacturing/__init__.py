"""Manufacturing: work centers (master data it owns), where work orders turn materials into finished goods."""
SERVICE = "manufacturing"
