/**
 * The console's pages and the API call each one needs. A page is offered (menu entry, route) only when the
 * gateway's policy lets the user's roles make that call; see auth/permissions.ts.
 */
import { isAllowed } from "../auth/permissions";
import type { ListResource } from "../lists/definition";
import { customers, items, purchaseOrders, salesOrders, suppliers, users, warehouses } from "../lists/resources";

export interface Page {
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each page declares its own path's row type
  resource: ListResource<any>;
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
    ],
  },
  {
    key: "procurement",
    labelKey: "nav.procurement",
    pages: [
      { path: "/procurement/suppliers", resource: suppliers },
      { path: "/procurement/purchase-orders", resource: purchaseOrders },
    ],
  },
  {
    key: "sales",
    labelKey: "nav.sales",
    pages: [
      { path: "/sales/customers", resource: customers },
      { path: "/sales/sales-orders", resource: salesOrders },
    ],
  },
  {
    key: "administration",
    labelKey: "nav.administration",
    pages: [{ path: "/admin/users", resource: users }],
  },
]

export const PAGES: readonly Page[] = SECTIONS.flatMap((section) => section.pages);

export function canOpen(roles: readonly string[], page: Page): boolean {
  return isAllowed(roles, "GET", page.resource.path);
}

/** The menu as this user sees it: pages they cannot use are left out, and so are sections left empty. */
export function visibleSections(roles: readonly string[]): Section[] {
  return SECTIONS.map((section) => ({ ...section, pages: section.pages.filter((page) => canOpen(roles, page)) })).filter(
    (section) => section.pages.length > 0,
  );
}
