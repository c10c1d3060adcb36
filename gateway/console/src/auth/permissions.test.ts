import { describe, expect, it } from "vitest";
import { PAGES, visibleSections } from "../layout/navigation";
import { isAllowed, rolesAllowed, ROLES, type Method } from "./permissions";

// The same table as gateway/tests/unit/test_policy.py: the console must agree with the gateway.
const WRITER_OF: Record<string, string> = {
  procurement: "purchasing", inventory: "warehouse", sales: "sales", manufacturing: "production", finance: "accounting", hr: "hr",
};
const WRITES: Method[] = ["POST", "PUT", "PATCH", "DELETE"];

describe("the gateway's policy, in the console", () => {
  it("lets any role read every service, and an account without roles nothing", () => {
    for (const service of Object.keys(WRITER_OF)) {
      for (const role of ROLES) expect(isAllowed([role], "GET", `/api/${service}/things/1?x=1`)).toBe(true);
      expect(isAllowed([], "GET", `/api/${service}/things`)).toBe(false);
      expect(isAllowed(["unknown-role"], "GET", `/api/${service}/things`)).toBe(false);
    }
  });

  it("needs the service's writer role for writes", () => {
    for (const [service, writer] of Object.entries(WRITER_OF)) {
      for (const method of WRITES) {
        expect(isAllowed([writer], method, `/api/${service}/documents/1/approve`)).toBe(true);
        expect(isAllowed(["admin"], method, `/api/${service}/documents`)).toBe(true);
        expect(isAllowed(["viewer"], method, `/api/${service}/documents`)).toBe(false);
        const others = Object.values(WRITER_OF).filter((role) => role !== writer);
        expect(isAllowed(others, method, `/api/${service}/documents`)).toBe(false);
      }
    }
  });

  it("keeps admin paths for admins, but not paths that only start like one", () => {
    for (const path of ["/admin", "/admin/dead-letters", "/admin/dead-letters/42/replay"]) {
      expect(isAllowed(["warehouse", "viewer"], "GET", `/api/inventory${path}`)).toBe(false);
      expect(isAllowed(["admin"], "POST", `/api/inventory${path}`)).toBe(true);
    }
    expect(isAllowed(["viewer"], "GET", "/api/hr/administrators")).toBe(true);
  });

  it("applies the cross-department exceptions before the general rules", () => {
    expect(isAllowed(["warehouse"], "POST", "/api/procurement/purchase-orders/7/receipts")).toBe(true);
    expect(isAllowed(["warehouse"], "POST", "/api/procurement/purchase-orders")).toBe(false);
    expect(isAllowed(["warehouse"], "POST", "/api/procurement/purchase-orders/7/receipts/extra")).toBe(false);
    expect(isAllowed(["accounting"], "POST", "/api/procurement/supplier-invoices/9/approve")).toBe(true);
    expect(isAllowed(["purchasing"], "PUT", "/api/procurement/settings")).toBe(false);
    expect(isAllowed(["warehouse"], "POST", "/api/sales/sales-orders/1/deliveries")).toBe(true);
    expect(isAllowed(["sales"], "POST", "/api/sales/sales-orders/1/release-credit")).toBe(false);
    expect(isAllowed(["accounting"], "POST", "/api/sales/sales-orders/1/release-credit")).toBe(true);
    expect(rolesAllowed("POST", "/api/inventory/items")).toEqual(["admin", "warehouse"]);
  });

  it("knows the gateway's own routes", () => {
    expect(isAllowed([], "POST", "/api/auth/token")).toBe(true);
    expect(isAllowed(["viewer"], "GET", "/api/auth/me")).toBe(true);
    expect(isAllowed(["viewer", "hr"], "GET", "/api/auth/users")).toBe(false);
    expect(isAllowed(["admin"], "GET", "/api/auth/users")).toBe(true);
    expect(isAllowed(["admin"], "DELETE", "/api/auth/users/1")).toBe(false);
    expect(isAllowed(["admin"], "GET", "/not-the-api")).toBe(false);
  });
});

describe("the menu follows the roles", () => {
  const pages = (roles: string[]) => visibleSections(roles).flatMap((section) => section.pages.map((page) => page.path));

  it("shows admins everything, the user list included", () => {
    expect(pages(["admin"])).toContain("/admin/users");
    expect(pages(["admin"])).toContain("/admin/operations");
    expect(pages(["admin"])).toHaveLength(PAGES.length);
  });

  it("shows other roles the lists but not administration", () => {
    for (const role of ROLES.filter((r) => r !== "admin")) {
      const visible = pages([role]);
      expect(visible).toContain("/procurement/purchase-orders");
      expect(visible).not.toContain("/admin/users");
      expect(visibleSections([role]).map((section) => section.key)).not.toContain("administration");
    }
  });

  it("shows an account without roles nothing", () => {
    expect(visibleSections([])).toEqual([]);
  });
});
