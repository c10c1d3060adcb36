"""Infrastructure shared by every ERP service. No business rules live here."""
