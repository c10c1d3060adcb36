/**
 * What an administrator may do with users, asked of the gateway's policy with the exact call each button makes.
 * Rules about whom (the last active admin) are the gateway's: the console shows its refusal, it does not guess.
 */
import { isAllowed } from "../auth/permissions";
import type { User } from "./api";

export const USERS_PATH = "/api/auth/users";

export interface UserPermissions {
  saveRoles: boolean;
  deactivate: boolean;
}

export function mayCreateUser(roles: readonly string[]): boolean {
  return isAllowed(roles, "POST", USERS_PATH);
}

/** Deactivate only while the user is active: the gateway answers 409 for one already deactivated. */
export function userPermissions(roles: readonly string[], user: User): UserPermissions {
  const at = `${USERS_PATH}/${user.id}`;
  return {
    saveRoles: isAllowed(roles, "PUT", `${at}/roles`),
    deactivate: user.active && isAllowed(roles, "POST", `${at}/deactivate`),
  };
}
