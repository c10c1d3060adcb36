"""Inventory: items and warehouses (master data it owns), and the stock that moves through them."""
SERVICE = "inventory"
