/** Material requisitions and transfers as plain lists: their endpoints page and filter by status, as ResourceList expects. */
import { defineList, type BadgeState } from "../../lists/definition";

export const REQUISITION_STATUSES = ["pending_approval", "approved", "partially_issued", "issued", "rejected", "cancelled"] as const;
export const TRANSFER_STATUSES = ["draft", "shipped", "received", "cancelled"] as const;

export const REQUISITION_STATUS_BADGES: Record<string, BadgeState> = {
  pending_approval: "processing", approved: "processing", partially_issued: "warning", issued: "success",
  rejected: "error", cancelled: "default",
};
export const TRANSFER_STATUS_BADGES: Record<string, BadgeState> = { draft: "default", shipped: "processing", received: "success", cancelled: "error" };

export const requisitions = defineList({
  key: "material-requisitions",
  titleKey: "screens.nav.requisitions",
  path: "/api/inventory/material-requisitions",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "status", titleKey: "fields.status", kind: "status", labels: "screens.warehouse.requisitionStatus" },
    { key: "department_name", titleKey: "screens.warehouse.department" },
    { key: "requested_by_name", titleKey: "screens.warehouse.requestedBy" },
    { key: "needed_by", titleKey: "screens.warehouse.neededBy", kind: "date" },
    { key: "decided_by_name", titleKey: "screens.warehouse.decidedBy" },
    { key: "created_at", titleKey: "fields.createdAt", kind: "datetime" },
    { key: "updated_at", titleKey: "fields.updatedAt", kind: "datetime" },
  ],
  filters: [
    { name: "status", kind: "select", labelKey: "fields.status", options: REQUISITION_STATUSES, labels: "screens.warehouse.requisitionStatus" },
  ],
  statusColors: REQUISITION_STATUS_BADGES,
  rowLink: (row) => `/inventory/requisitions/${row.id}`,
  create: { to: "/inventory/requisitions/new", labelKey: "warehouseDocs.requisition.create", apiPath: "/api/inventory/material-requisitions" },
  sortable: ["number", "status", "needed_by", "created_at", "updated_at"],
});

export const transfers = defineList({
  key: "transfers",
  titleKey: "screens.nav.transfers",
  path: "/api/inventory/transfers",
  columns: [
    { key: "number", titleKey: "fields.number" },
    { key: "status", titleKey: "fields.status", kind: "status", labels: "screens.warehouse.transferStatus" },
    { key: "from_warehouse_code", titleKey: "screens.warehouse.fromWarehouse" },
    { key: "to_warehouse_code", titleKey: "screens.warehouse.toWarehouse" },
    { key: "line_count", titleKey: "screens.warehouse.lineCount", kind: "integer" },
    { key: "shipped_at", titleKey: "screens.warehouse.shippedAt", kind: "datetime" },
    { key: "received_at", titleKey: "screens.warehouse.receivedAt", kind: "datetime" },
    { key: "total_loss", titleKey: "screens.warehouse.transitLoss", kind: "amount" },
    { key: "created_by_name", titleKey: "screens.warehouse.createdBy" },
  ],
  filters: [
    { name: "status", kind: "select", labelKey: "fields.status", options: TRANSFER_STATUSES, labels: "screens.warehouse.transferStatus" },
  ],
  statusColors: TRANSFER_STATUS_BADGES,
  rowLink: (row) => `/inventory/transfers/${row.id}`,
  create: { to: "/inventory/transfers/new", labelKey: "warehouseDocs.transfer.create", apiPath: "/api/inventory/transfers" },
  sortable: ["number", "status", "shipped_at", "received_at"],
});
