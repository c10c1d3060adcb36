/**
 * The bodies of the user administration calls, built from what the form holds. The password goes only into a
 * create (the gateway has no call to change one); roles are always the whole set, in one fixed order, so a
 * request says exactly which roles the user holds afterwards.
 */
import { ROLES, type Role } from "../auth/permissions";
import type { RolesUpdate, User, UserCreate } from "./api";

/** The gateway's UserCreate minimum (gateway/gateway/identity.py MIN_PASSWORD_LENGTH; a test holds it to openapi/erp.json). */
export const MIN_PASSWORD_LENGTH = 8;

export interface NewUserValues {
  username: string;
  password: string;
  roles: readonly string[];
}

/** Known roles only, each once, in the order of ROLES (the order the checkboxes show them). */
export function roleSet(roles: readonly string[]): Role[] {
  return ROLES.filter((role) => roles.includes(role));
}

export function createUserBody(values: NewUserValues): UserCreate {
  return { username: values.username.trim(), password: values.password, roles: roleSet(values.roles) };
}

export function rolesBody(roles: readonly string[]): RolesUpdate {
  return { roles: roleSet(roles) };
}

export function rolesChanged(user: User, roles: readonly string[]): boolean {
  const before = roleSet(user.roles);
  const after = roleSet(roles);
  return before.length !== after.length || before.some((role, index) => role !== after[index]);
}
