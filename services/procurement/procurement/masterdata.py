"""The master records procurement owns and publishes."""
from erp_shared.masterdata import MasterData

from .models import Supplier, outbox

SUPPLIERS = MasterData(Supplier, "procurement", "supplier", outbox)
