"""The web kit every service API uses."""
