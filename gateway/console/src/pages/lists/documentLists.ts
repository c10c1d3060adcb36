/**
 * The documents that are born on another document (a receipt on a purchase order, a delivery note or an
 * invoice on a sales order, an issue on a requisition) as lists of their own, for the clerk who works through them by date
 * rather than order by order; each row opens the document it belongs to.
 */
import { defineList, type BadgeState } from "../../lists/definition";

export const CUSTOMER_INVOICE_STATUSES = ["open", "paid"] as const;
const CUSTOMER_INVOICE_COLORS: Record<string, BadgeState> = { open: "processing", paid: "success" };

export const goodsReceipts = defineList({
  key: "goods-receipts",
  titleKey: "documentLists.nav.goodsReceipts",
  path: "/api/procurement/goods-receipts",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "po_number", titleKey: "documentLists.fields.purchaseOrder" },
    { key: "received_at", titleKey: "documentLists.fields.receivedAt", kind: "datetime" },
    { key: "total_accepted_amount", titleKey: "documentLists.fields.acceptedValue", kind: "amount" },
    { key: "late", titleKey: "fields.late", kind: "active" },
  ],
  filters: [{ name: "late", kind: "flag", labelKey: "fields.late" }],
  rowLink: (row) => `/procurement/purchase-orders/${row.purchase_order_id}`,
});

export const supplierPayments = defineList({
  key: "supplier-payments",
  titleKey: "documentLists.nav.supplierPayments",
  path: "/api/procurement/supplier-payments",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "paid_at", titleKey: "documentLists.fields.paidAt", kind: "date" },
    { key: "amount", titleKey: "documentLists.fields.amount", kind: "amount" },
    { key: "reference", titleKey: "documentLists.fields.reference" },
  ],
  filters: [],
});

export const customerInvoices = defineList({
  key: "customer-invoices",
  titleKey: "documentLists.nav.customerInvoices",
  path: "/api/sales/invoices",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "status", titleKey: "fields.status", kind: "status", labels: "documentLists.invoiceStatus" },
    { key: "customer_name", titleKey: "fields.customer" },
    { key: "order_number", titleKey: "documentLists.fields.salesOrder" },
    { key: "invoice_date", titleKey: "documentLists.fields.invoiceDate", kind: "date" },
    { key: "due_date", titleKey: "documentLists.fields.dueDate", kind: "date" },
    { key: "total_amount", titleKey: "fields.totalAmount", kind: "amount" },
    { key: "open_amount", titleKey: "documentLists.fields.openAmount", kind: "amount" },
  ],
  filters: [{ name: "status", kind: "select", labelKey: "fields.status", options: CUSTOMER_INVOICE_STATUSES, labels: "documentLists.invoiceStatus" }],
  statusColors: CUSTOMER_INVOICE_COLORS,
  rowLink: (row) => `/sales/sales-orders/${row.sales_order_id}`,
});

export const deliveries = defineList({
  key: "deliveries",
  titleKey: "documentLists.nav.deliveries",
  path: "/api/sales/deliveries",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "order_number", titleKey: "documentLists.fields.salesOrder" },
    { key: "customer_name", titleKey: "fields.customer" },
    { key: "delivered_at", titleKey: "documentLists.fields.deliveredAt", kind: "datetime" },
    { key: "delivered_by", titleKey: "documentLists.fields.deliveredBy" },
    { key: "total_cost", titleKey: "documentLists.fields.cost", kind: "amount" },
  ],
  filters: [{ name: "number", kind: "search", placeholderKey: "list.searchNumber" }],
  sortable: ["number", "order_number", "customer_name", "delivered_at"],
  rowLink: (row) => `/sales/sales-orders/${row.sales_order_id}`,
});

export const customerPayments = defineList({
  key: "customer-payments",
  titleKey: "documentLists.nav.customerPayments",
  path: "/api/sales/customer-payments",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "customer_name", titleKey: "fields.customer" },
    { key: "received_at", titleKey: "documentLists.fields.receivedOn", kind: "date" },
    { key: "amount", titleKey: "documentLists.fields.amount", kind: "amount" },
    { key: "reference", titleKey: "documentLists.fields.reference" },
  ],
  filters: [],
});

export const materialIssues = defineList({
  key: "material-issues",
  titleKey: "documentLists.nav.materialIssues",
  path: "/api/inventory/material-issues",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "requisition_number", titleKey: "documentLists.fields.requisition" },
    { key: "issued_at", titleKey: "documentLists.fields.issuedAt", kind: "datetime" },
    { key: "issued_by_name", titleKey: "documentLists.fields.issuedBy" },
    { key: "total_cost", titleKey: "documentLists.fields.cost", kind: "amount" },
  ],
  filters: [],
  rowLink: (row) => `/inventory/requisitions/${row.requisition_id}`,
});
