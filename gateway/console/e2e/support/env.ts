/**
 * Where the console under test is and who may sign in to it. The defaults are the users the end-to-end
 * suite creates (tests-e2e/conftest.py): e2e-<role> / <role>-password-123 and e2e-admin / e2e-admin-password.
 */
export const ROLES = ["purchasing", "warehouse", "sales", "production", "accounting", "hr", "viewer"] as const;
export type Role = (typeof ROLES)[number] | "admin";

export interface Credentials {
  username: string;
  password: string;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the gateway base URL, e.g. http://127.0.0.1:8080`);
  return value;
}

export const BASE_URL = required("ERP_CONSOLE_URL").replace(/\/+$/, "");
export const ORIGIN = new URL(BASE_URL).origin;
export const CHROMIUM = process.env.ERP_CHROMIUM ?? "/usr/bin/chromium";

const ADMIN: Credentials = {
  username: process.env.ERP_E2E_ADMIN_USER ?? "e2e-admin",
  password: process.env.ERP_E2E_ADMIN_PASSWORD ?? "e2e-admin-password",
};
const USER_PATTERN = process.env.ERP_E2E_USER_PATTERN ?? "e2e-{role}";
const PASSWORD_PATTERN = process.env.ERP_E2E_PASSWORD_PATTERN ?? "{role}-password-123";

/** The account of one role (admin included). */
export function credentials(role: Role): Credentials {
  if (role === "admin") return ADMIN;
  return { username: USER_PATTERN.replaceAll("{role}", role), password: PASSWORD_PATTERN.replaceAll("{role}", role) };
}
