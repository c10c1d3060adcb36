/**
 * What the signed-in user may do, decided by the gateway's own policy rules (gateway/gateway/policy.py,
 * exported to openapi/policy.json by `make console-client`): first matching rule wins, admin passes every
 * rule, a request no rule matches is refused. Menus, buttons and routes all ask `isAllowed`, so the console
 * never offers what the gateway would refuse with a 403.
 */
import policy from "../../openapi/policy.json";

export const ROLES = ["admin", "purchasing", "warehouse", "sales", "production", "accounting", "hr", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Rule {
  service: string;
  methods: ReadonlySet<string>;
  pattern: RegExp;
  /** null: any signed-in role at all (an account without roles gets nothing). */
  roles: ReadonlySet<string> | null;
}

interface ExportedRule {
  service: string;
  methods: string[];
  path: string;
  roles: string[];
}

const ANY_SERVICE = "*";

function compile(rule: ExportedRule): Rule {
  return {
    service: rule.service,
    methods: new Set(rule.methods),
    pattern: new RegExp(`^(?:${rule.path})$`), // Python's re.fullmatch
    roles: rule.roles.includes("*") ? null : new Set(rule.roles),
  };
}

export const RULES: readonly Rule[] = (policy.rules as ExportedRule[]).map(compile);

/** The gateway's own routes under /api/auth are not proxied, so the policy does not list them. */
const GATEWAY_ROUTES: readonly { methods: ReadonlySet<string>; pattern: RegExp; roles: ReadonlySet<string> | null | "public" }[] = [
  { methods: new Set(["POST"]), pattern: /^\/token$/, roles: "public" },
  { methods: new Set(["GET"]), pattern: /^\/me$/, roles: null },
  { methods: new Set(["GET", "POST", "PUT"]), pattern: /^\/users(\/.*)?$/, roles: new Set(["admin"]) },
];

function hasAny(roles: readonly string[], allowed: ReadonlySet<string> | null): boolean {
  if (roles.includes("admin")) return true;
  if (allowed === null) return roles.some((role) => (ROLES as readonly string[]).includes(role));
  return roles.some((role) => allowed.has(role));
}

/** `apiPath` as the console calls it: `/api/<service>/<rest>`, e.g. `/api/procurement/purchase-orders/42/receipts`. */
export function isAllowed(roles: readonly string[], method: Method, apiPath: string): boolean {
  const match = /^\/api\/([^/]+)(\/.*)?$/.exec(apiPath.split("?")[0]);
  if (!match) return false;
  const [, service, rest = "/"] = match;
  const verb = method.toUpperCase();
  if (service === "auth") {
    const route = GATEWAY_ROUTES.find((r) => r.methods.has(verb) && r.pattern.test(rest));
    if (!route) return false;
    return route.roles === "public" || hasAny(roles, route.roles);
  }
  const rule = RULES.find((r) => (r.service === ANY_SERVICE || r.service === service) && r.methods.has(verb) && r.pattern.test(rest));
  return rule !== undefined && hasAny(roles, rule.roles);
}

/** Every role that `isAllowed` would let through, for messages ("needs one of: purchasing, admin"). */
export function rolesAllowed(method: Method, apiPath: string): Role[] {
  return ROLES.filter((role) => isAllowed([role], method, apiPath));
}
