"""HTTP surface of purchasing: settings, planning and requisitions, purchase orders, receipts."""

BLUEPRINTS = ()
