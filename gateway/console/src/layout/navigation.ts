/**
 * The console's pages and the API call each one needs. A page is offered (menu entry, route) only when the
 * gateway's policy lets the user's roles make that call; see auth/permissions.ts.
 */
import type { ComponentType } from "react";
import { isAllowed } from "../auth/permissions";
import type { ListResource } from "../lists/definition";
import { customers, items, purchaseOrders, salesOrders, suppliers, users, warehouses } from "../lists/resources";
import { departments, employees, workCenters } from "../masterdata/resources";
import { customerInvoices, customerPayments, deliveries, goodsReceipts, materialIssues, supplierPayments } from "../pages/lists/documentLists";
import { FINANCE_PAGES, OPERATIONS_PAGES, PROCUREMENT_REPORT_PAGES, WAREHOUSE_PAGES } from "../pages/screens";

export interface ListPage {
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page declares its own path's row type
  resource: ListResource<any>;
}

/** A page with its own component (loaded when first opened), which may route below its path (`.../:id`). */
export interface ScreenPage {
  path: string;
  titleKey: string;
  /** The GET the page cannot work without. */
  apiPath: string;
  screen: ComponentType;
}

export type Page = ListPage | ScreenPage;

export function pageTitleKey(page: Page): string {
  return "screen" in page ? page.titleKey : page.resource.titleKey;
}

export interface Section {
  key: string;
  labelKey: string;
  pages: Page[];
}

export const SECTIONS: readonly Section[] = [
  {
    key: "inventory",
    labelKey: "nav.inventory",
    pages: [
      { path: "/inventory/items", resource: items },
      { path: "/inventory/warehouses", resource: warehouses },
      ...WAREHOUSE_PAGES,
      { path: "/inventory/material-issues", resource: materialIssues },
    ],
  },
  {
    key: "procurement",
    labelKey: "nav.procurement",
    pages: [
      { path: "/procurement/suppliers", resource: suppliers },
      { path: "/procurement/purchase-orders", resource: purchaseOrders },
      { path: "/procurement/goods-receipts", resource: goodsReceipts },
      { path: "/procurement/supplier-payments", resource: supplierPayments },
      ...PROCUREMENT_REPORT_PAGES,
    ],
  },
  {
    key: "sales",
    labelKey: "nav.sales",
    pages: [
      { path: "/sales/customers", resource: customers },
      { path: "/sales/sales-orders", resource: salesOrders },
      { path: "/sales/deliveries", resource: deliveries },
      { path: "/sales/invoices", resource: customerInvoices },
      { path: "/sales/customer-payments", resource: customerPayments },
    ],
  },
  { key: "manufacturing", labelKey: "masterdata.nav.manufacturing", pages: [{ path: "/manufacturing/work-centers", resource: workCenters }] },
  { key: "finance", labelKey: "screens.nav.finance", pages: FINANCE_PAGES },
  {
    key: "hr",
    labelKey: "masterdata.nav.hr",
    pages: [
      { path: "/hr/departments", resource: departments },
      { path: "/hr/employees", resource: employees },
    ],
  },
  {
    key: "administration",
    labelKey: "nav.administration",
    pages: [{ path: "/admin/users", resource: users }, ...OPERATIONS_PAGES],
  },
]

export const PAGES: readonly Page[] = SECTIONS.flatMap((section) => section.pages);

export function canOpen(roles: readonly string[], page: Page): boolean {
  return isAllowed(roles, "GET", "screen" in page ? page.apiPath : page.resource.path);
}

/** The menu as this user sees it: pages they cannot use are left out, and so are sections left empty. */
export function visibleSections(roles: readonly string[]): Section[] {
  return SECTIONS.map((section) => ({ ...section, pages: section.pages.filter((page) => canOpen(roles, page)) })).filter(
    (section) => section.pages.length > 0,
  );
}
