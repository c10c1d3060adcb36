/**
 * The home dashboard's figures and who sees them: each figure is for the roles whose work it is (admin and
 * viewer see them all), and only when the caller may read its API and open the list it links to. Each
 * number links to that list, filtered (ResourceList keeps filters in the URL).
 */
import { isAllowed, type Role } from "../../auth/permissions";
import type { ListPath, QueryValues } from "../../api/lists";

export interface CountFigure {
  key: string;
  labelKey: string;
  path: ListPath;
  filters: QueryValues;
  /** The console page showing exactly these rows. */
  link: string;
  roles: readonly Role[];
}

export interface CountCard {
  key: string;
  titleKey: string;
  figures: readonly CountFigure[];
}

const PO = "/api/procurement/purchase-orders";

export const COUNT_CARDS: readonly CountCard[] = [
  {
    key: "purchasing",
    titleKey: "screens.dashboard.cards.purchasing",
    figures: [
      { key: "approved", labelKey: "status.purchaseOrder.approved", path: PO, filters: { status: "approved" }, link: "/procurement/purchase-orders?status=approved", roles: ["purchasing"] },
      { key: "sent", labelKey: "status.purchaseOrder.sent", path: PO, filters: { status: "sent" }, link: "/procurement/purchase-orders?status=sent", roles: ["purchasing", "warehouse"] },
      {
        key: "partially_received", labelKey: "status.purchaseOrder.partially_received", path: PO, filters: { status: "partially_received" },
        link: "/procurement/purchase-orders?status=partially_received", roles: ["purchasing", "warehouse"],
      },
      { key: "late", labelKey: "screens.dashboard.latePurchaseOrders", path: PO, filters: { late: true }, link: "/procurement/purchase-orders?late=true", roles: ["purchasing", "warehouse"] },
      {
        key: "exceptions", labelKey: "screens.dashboard.unmatchedInvoices", path: "/api/procurement/supplier-invoices", filters: { status: "exception" },
        link: "/finance/supplier-invoices?status=exception", roles: ["purchasing", "accounting"],
      },
    ],
  },
  {
    key: "warehouse",
    titleKey: "screens.dashboard.cards.warehouse",
    figures: [
      { key: "below_reorder", labelKey: "screens.nav.belowReorder", path: "/api/inventory/reports/below-reorder", filters: {}, link: "/inventory/below-reorder", roles: ["warehouse", "purchasing", "production"] },
      {
        key: "requisitions", labelKey: "screens.dashboard.requisitionsToApprove", path: "/api/inventory/material-requisitions", filters: { status: "pending_approval" },
        link: "/inventory/requisitions?status=pending_approval", roles: ["warehouse"],
      },
      { key: "in_transit", labelKey: "screens.dashboard.transfersInTransit", path: "/api/inventory/transfers", filters: { status: "shipped" }, link: "/inventory/transfers?status=shipped", roles: ["warehouse"] },
      { key: "counting", labelKey: "screens.dashboard.countsCounting", path: "/api/inventory/cycle-counts", filters: { status: "counting" }, link: "/inventory/cycle-counts?status=counting", roles: ["warehouse"] },
      { key: "to_post", labelKey: "screens.dashboard.countsToPost", path: "/api/inventory/cycle-counts", filters: { status: "submitted" }, link: "/inventory/cycle-counts?status=submitted", roles: ["warehouse"] },
    ],
  },
  {
    key: "sales",
    titleKey: "screens.dashboard.cards.sales",
    figures: [
      {
        key: "credit_hold", labelKey: "status.salesOrder.credit_hold", path: "/api/sales/sales-orders", filters: { status: "credit_hold" },
        link: "/sales/sales-orders?status=credit_hold", roles: ["sales", "accounting"],
      },
      {
        key: "backordered", labelKey: "status.salesOrder.backordered", path: "/api/sales/sales-orders", filters: { status: "backordered" },
        link: "/sales/sales-orders?status=backordered", roles: ["sales", "warehouse"],
      },
      {
        key: "open_invoices", labelKey: "screens.dashboard.openInvoices", path: "/api/sales/invoices", filters: { status: "open" },
        link: "/finance/ar-subledger", roles: ["sales", "accounting"],
      },
    ],
  },
];

/** Pages a figure links to, by path prefix, and the GET each needs (the link is offered only if it opens). */
export interface Widget {
  key: string;
  roles: readonly Role[];
  apiPaths: readonly string[];
}

export const LATE_DELIVERIES: Widget = { key: "late_deliveries", roles: ["purchasing", "warehouse"], apiPaths: ["/api/procurement/reports/late-deliveries"] };
export const AR_AGEING: Widget = { key: "ar_ageing", roles: ["sales", "accounting"], apiPaths: ["/api/sales/invoices", "/api/finance/reports/ar-subledger"] };
export const SALES_CHARTS: Widget = { key: "sales_charts", roles: ["sales", "accounting"], apiPaths: ["/api/sales/analysis/sales", "/api/sales/analysis/gross-margin"] };

/** Whether the caller's work includes this: admin and viewer see everything they may read. */
export function concerns(roles: readonly string[], forRoles: readonly Role[]): boolean {
  return roles.includes("admin") || roles.includes("viewer") || forRoles.some((role) => roles.includes(role));
}

export function showsWidget(roles: readonly string[], widget: Widget): boolean {
  return concerns(roles, widget.roles) && widget.apiPaths.every((path) => isAllowed(roles, "GET", path));
}

/** The count cards as this caller sees them: figures of their work they may read, cards left empty dropped. */
export function countCardsFor(roles: readonly string[], linkOpens: (link: string) => boolean): CountCard[] {
  return COUNT_CARDS.map((card) => ({
    ...card,
    figures: card.figures.filter((figure) => concerns(roles, figure.roles) && isAllowed(roles, "GET", figure.path) && linkOpens(figure.link)),
  })).filter((card) => card.figures.length > 0);
}
