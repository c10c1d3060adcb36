import { describe, expect, it } from "vitest";
import openapi from "../../openapi/erp.json";
import { asUser } from "./api";
import { createUserBody, MIN_PASSWORD_LENGTH, roleSet, rolesBody, rolesChanged } from "./requests";

const USER = asUser({ id: "u-1", username: "wes", roles: ["warehouse", "viewer"], active: true });

describe("user administration bodies", () => {
  it("create with the username trimmed, the password as typed, and the roles in the checkbox order", () => {
    expect(createUserBody({ username: "  Wes ", password: " secret pass ", roles: ["viewer", "admin", "viewer"] })).toEqual({
      username: "Wes", password: " secret pass ", roles: ["admin", "viewer"],
    });
  });

  it("replace roles with the whole set and nothing else: no password, no username", () => {
    const body = rolesBody(["viewer", "sales"]);
    expect(body).toEqual({ roles: ["sales", "viewer"] });
    expect(Object.keys(body)).toEqual(["roles"]);
  });

  it("leave unknown names out of a role set", () => {
    expect(roleSet(["auditor", "hr"])).toEqual(["hr"]);
  });

  it("see a change of roles, not a change of order", () => {
    expect(rolesChanged(USER, ["viewer", "warehouse"])).toBe(false);
    expect(rolesChanged(USER, ["warehouse"])).toBe(true);
    expect(rolesChanged(USER, ["warehouse", "viewer", "sales"])).toBe(true);
  });

  it("show the gateway's own minimum password length", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(openapi.components.schemas.UserCreate.properties.password.minLength);
  });
});
