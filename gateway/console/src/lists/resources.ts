/** The lists the console offers, each exactly as its API serves it (filters are the endpoint's own query parameters). */
import { defineList, type BadgeState } from "./definition";
import { customerRecord, itemRecord, supplierRecord, warehouseRecord } from "../masterdata/records";
import { useUserDrawer } from "../users/useUserDrawer";

const ACTIVE = { name: "active", kind: "boolean", labelKey: "fields.active" } as const;

export const PURCHASE_ORDER_STATUSES = ["draft", "submitted", "approved", "sent", "partially_received", "received", "closed", "cancelled"] as const;
export const SALES_ORDER_STATUSES = [
  "draft", "credit_hold", "confirmed", "reserved", "partially_reserved", "backordered",
  "partially_delivered", "delivered", "invoiced", "paid", "cancelled",
] as const;

const PURCHASE_ORDER_COLORS: Record<string, BadgeState> = {
  draft: "default", submitted: "processing", approved: "processing", sent: "processing",
  partially_received: "warning", received: "success", closed: "success", cancelled: "error",
};
const SALES_ORDER_COLORS: Record<string, BadgeState> = {
  draft: "default", credit_hold: "error", confirmed: "processing", reserved: "processing",
  partially_reserved: "warning", backordered: "warning", partially_delivered: "warning",
  delivered: "success", invoiced: "success", paid: "success", cancelled: "error",
};

export const items = defineList({
  key: "items",
  titleKey: "nav.items",
  path: "/api/inventory/items",
  columns: [
    { key: "code", titleKey: "fields.code" },
    { key: "name", titleKey: "fields.name" },
    { key: "item_type", titleKey: "fields.itemType", kind: "enum", labels: "values.itemType" },
    { key: "unit", titleKey: "fields.unit" },
    { key: "valuation_method", titleKey: "fields.valuationMethod", kind: "enum", labels: "values.valuation" },
    { key: "reorder_level", titleKey: "fields.reorderLevel", kind: "quantity" },
    { key: "reorder_quantity", titleKey: "fields.reorderQuantity", kind: "quantity" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [
    { name: "q", kind: "search", placeholderKey: "list.search" },
    { name: "item_type", kind: "select", labelKey: "fields.itemType", options: ["raw_material", "finished_good", "service"], labels: "values.itemType" },
    ACTIVE,
  ],
  record: itemRecord,
  sortable: ["code", "name", "active"],
});

export const warehouses = defineList({
  key: "warehouses",
  titleKey: "nav.warehouses",
  path: "/api/inventory/warehouses",
  columns: [
    { key: "code", titleKey: "fields.code" },
    { key: "name", titleKey: "fields.name" },
    { key: "address", titleKey: "fields.address" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [{ name: "q", kind: "search", placeholderKey: "list.search" }, ACTIVE],
  record: warehouseRecord,
  sortable: ["code", "name", "active"],
});

export const suppliers = defineList({
  key: "suppliers",
  titleKey: "nav.suppliers",
  path: "/api/procurement/suppliers",
  columns: [
    { key: "code", titleKey: "fields.code" },
    { key: "name", titleKey: "fields.name" },
    { key: "contact_name", titleKey: "fields.contactName" },
    { key: "email", titleKey: "fields.email" },
    { key: "phone", titleKey: "fields.phone" },
    { key: "payment_terms_days", titleKey: "fields.paymentTermsDays", kind: "integer" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [{ name: "q", kind: "search", placeholderKey: "list.search" }, ACTIVE],
  record: supplierRecord,
  sortable: ["code", "name", "active"],
});

export const customers = defineList({
  key: "customers",
  titleKey: "nav.customers",
  path: "/api/sales/customers",
  columns: [
    { key: "code", titleKey: "fields.code" },
    { key: "name", titleKey: "fields.name" },
    { key: "contact_name", titleKey: "fields.contactName" },
    { key: "email", titleKey: "fields.email" },
    { key: "credit_rating", titleKey: "fields.creditRating" },
    { key: "credit_limit", titleKey: "fields.creditLimit", kind: "amount" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [
    { name: "q", kind: "search", placeholderKey: "list.search" },
    { name: "credit_rating", kind: "select", labelKey: "fields.creditRating", options: ["A", "B", "C", "D"], labels: "values.creditRating" },
    ACTIVE,
  ],
  record: customerRecord,
  sortable: ["code", "name", "active"],
});

export const purchaseOrders = defineList({
  key: "purchase-orders",
  titleKey: "nav.purchaseOrders",
  path: "/api/procurement/purchase-orders",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "status", titleKey: "fields.status", kind: "status", labels: "status.purchaseOrder" },
    { key: "supplier_name", titleKey: "fields.supplier" },
    { key: "order_date", titleKey: "fields.orderDate", kind: "date" },
    { key: "total_amount", titleKey: "fields.totalAmount", kind: "amount" },
    { key: "updated_at", titleKey: "fields.updatedAt", kind: "datetime" },
  ],
  filters: [
    { name: "number", kind: "search", placeholderKey: "list.searchNumber" },
    { name: "status", kind: "select", labelKey: "fields.status", options: PURCHASE_ORDER_STATUSES, labels: "status.purchaseOrder" },
    { name: "late", kind: "flag", labelKey: "fields.late" },
  ],
  statusColors: PURCHASE_ORDER_COLORS,
  sortable: ["number", "status", "supplier_name", "order_date", "total_amount", "updated_at"],
  rowLink: (row) => `/procurement/purchase-orders/${row.id}`,
  create: { to: "/procurement/purchase-orders/new", labelKey: "documents.po.create", apiPath: "/api/procurement/purchase-orders" },
});

export const salesOrders = defineList({
  key: "sales-orders",
  titleKey: "nav.salesOrders",
  path: "/api/sales/sales-orders",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "status", titleKey: "fields.status", kind: "status", labels: "status.salesOrder" },
    { key: "customer_name", titleKey: "fields.customer" },
    { key: "order_date", titleKey: "fields.orderDate", kind: "date" },
    { key: "requested_date", titleKey: "fields.requestedDate", kind: "date" },
    { key: "net_total", titleKey: "fields.netTotal", kind: "amount" },
    { key: "tax_total", titleKey: "fields.taxTotal", kind: "amount" },
    { key: "total_amount", titleKey: "fields.totalAmount", kind: "amount" },
    { key: "invoiced_amount", titleKey: "fields.invoicedAmount", kind: "amount" },
  ],
  filters: [
    { name: "number", kind: "search", placeholderKey: "list.searchNumber" },
    { name: "status", kind: "select", labelKey: "fields.status", options: SALES_ORDER_STATUSES, labels: "status.salesOrder" },
  ],
  statusColors: SALES_ORDER_COLORS,
  sortable: ["number", "status", "customer_name", "order_date", "requested_date", "total_amount"],
  rowLink: (row) => `/sales/sales-orders/${row.id}`,
  create: { to: "/sales/sales-orders/new", labelKey: "documents.so.new", apiPath: "/api/sales/sales-orders" },
});

export const users = defineList({
  key: "users",
  titleKey: "nav.users",
  path: "/api/auth/users",
  columns: [
    { key: "username", titleKey: "fields.username" },
    { key: "roles", titleKey: "fields.roles", kind: "tags", labels: "roles" },
    { key: "active", titleKey: "fields.active", kind: "active" },
    { key: "created_at", titleKey: "fields.createdAt", kind: "datetime" },
  ],
  filters: [],
  drawer: useUserDrawer,
});
