"""HTTP surface of payables: supplier invoices and their matching, payments, supplier ledger, GRNI."""

BLUEPRINTS = ()
