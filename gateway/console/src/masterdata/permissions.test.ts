import { describe, expect, it } from "vitest";
import { mayCreate, recordPermissions } from "./permissions";
import { accountRecord, employeeRecord, itemRecord, warehouseRecord, workCenterRecord } from "./records";

const ACTIVE = { id: "r-1", code: "X", active: true };

describe("master record permissions", () => {
  it("offer a viewer nothing to create, save or deactivate", () => {
    for (const spec of [itemRecord, warehouseRecord, employeeRecord, accountRecord, workCenterRecord]) {
      expect(mayCreate(spec, ["viewer"])).toBe(false);
      expect(recordPermissions(spec, ["viewer"], ACTIVE)).toEqual({ create: false, save: false, deactivate: false });
    }
  });

  it("follow the owning service's writers, and admin everywhere", () => {
    expect(recordPermissions(itemRecord, ["warehouse"], ACTIVE)).toEqual({ create: true, save: true, deactivate: true });
    expect(recordPermissions(itemRecord, ["sales"], ACTIVE).save).toBe(false);
    expect(mayCreate(employeeRecord, ["hr"])).toBe(true);
    expect(mayCreate(employeeRecord, ["accounting"])).toBe(false);
    expect(mayCreate(accountRecord, ["accounting"])).toBe(true);
    expect(mayCreate(workCenterRecord, ["production"])).toBe(true);
    expect(recordPermissions(workCenterRecord, ["admin"], ACTIVE)).toEqual({ create: true, save: true, deactivate: true });
  });

  it("do not offer to deactivate a record that is inactive already", () => {
    expect(recordPermissions(warehouseRecord, ["warehouse"], { ...ACTIVE, active: false }).deactivate).toBe(false);
  });
});
