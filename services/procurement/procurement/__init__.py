"""Procurement: suppliers (master data it owns), and what is bought from them."""
SERVICE = "procurement"
