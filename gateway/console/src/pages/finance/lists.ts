/** Supplier invoices (accounts payable's documents) as a plain list; `status=exception` is the match exceptions. */
import { defineList, type BadgeState } from "../../lists/definition";

export const SUPPLIER_INVOICE_STATUSES = ["exception", "posted", "rejected", "paid"] as const;

const SUPPLIER_INVOICE_COLORS: Record<string, BadgeState> = { exception: "warning", posted: "processing", rejected: "error", paid: "success" };

export const supplierInvoices = defineList({
  key: "supplier-invoices",
  titleKey: "screens.nav.supplierInvoices",
  path: "/api/procurement/supplier-invoices",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "status", titleKey: "fields.status", kind: "status", labels: "screens.finance.supplierInvoiceStatus" },
    { key: "supplier_invoice_ref", titleKey: "screens.finance.supplierRef" },
    { key: "po_number", titleKey: "screens.finance.poNumber" },
    { key: "invoice_date", titleKey: "screens.finance.invoiceDate", kind: "date" },
    { key: "due_date", titleKey: "screens.finance.dueDate", kind: "date" },
    { key: "total_amount", titleKey: "fields.totalAmount", kind: "amount" },
    { key: "price_variance", titleKey: "screens.finance.priceVariance", kind: "amount" },
    { key: "open_amount", titleKey: "screens.finance.openAmount", kind: "amount" },
  ],
  filters: [
    { name: "status", kind: "select", labelKey: "fields.status", options: SUPPLIER_INVOICE_STATUSES, labels: "screens.finance.supplierInvoiceStatus" },
  ],
  statusColors: SUPPLIER_INVOICE_COLORS,
  sortable: ["number", "status", "supplier_invoice_ref", "invoice_date", "due_date", "total_amount"],
});
