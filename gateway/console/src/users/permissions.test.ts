import { describe, expect, it } from "vitest";
import { asUser } from "./api";
import { mayCreateUser, userPermissions } from "./permissions";

const ACTIVE = asUser({ id: "u-1", username: "wes", roles: ["warehouse"], active: true });

describe("user administration permissions", () => {
  it("let only an admin create users", () => {
    expect(mayCreateUser(["admin"])).toBe(true);
    for (const role of ["viewer", "hr", "purchasing", "warehouse", "sales", "production", "accounting"]) expect(mayCreateUser([role]), role).toBe(false);
    expect(mayCreateUser([])).toBe(false);
  });

  it("let an admin save roles and deactivate an active user, nobody else", () => {
    expect(userPermissions(["admin"], ACTIVE)).toEqual({ saveRoles: true, deactivate: true });
    expect(userPermissions(["hr", "viewer"], ACTIVE)).toEqual({ saveRoles: false, deactivate: false });
  });

  it("do not offer to deactivate a user who is inactive already", () => {
    expect(userPermissions(["admin"], { ...ACTIVE, active: false })).toEqual({ saveRoles: true, deactivate: false });
  });
});
