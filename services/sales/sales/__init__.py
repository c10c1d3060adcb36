"""Sales: customers (master data it owns, with their credit terms), and what is sold to them."""
SERVICE = "sales"
