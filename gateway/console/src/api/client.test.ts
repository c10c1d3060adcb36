import { describe, expect, it, vi } from "vitest";
import { json, problem, recordingFetch } from "../test/helpers";
import { createApi, IDEMPOTENCY_HEADER, SIGN_IN_PATH, unwrap } from "./client";
import { fetchAll, fetchPage, parsePagination } from "./lists";
import { ApiError, classify, flattenFieldErrors } from "./problem";

const BASE = "http://console.test";

function api(fetch: (request: Request) => Promise<Response>, token: string | null = "tok") {
  const onExpired = vi.fn();
  let key = 0;
  const client = createApi({ baseUrl: BASE, fetch, session: { token: () => token, onExpired }, newIdempotencyKey: () => `key-${++key}` });
  return { client, onExpired };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected the call to fail");
}

describe("requests", () => {
  it("carry the bearer token, and the query the list asked for", async () => {
    const { fetch, requests } = recordingFetch(json([]));
    const { client } = api(fetch);
    await unwrap(client.GET("/api/inventory/items", { params: { query: { q: "bolt", page: 2 } } }));
    expect(requests[0].headers.get("Authorization")).toBe("Bearer tok");
    expect(requests[0].url.pathname).toBe("/api/inventory/items");
    expect(requests[0].url.searchParams.get("q")).toBe("bolt");
    expect(requests[0].headers.has(IDEMPOTENCY_HEADER)).toBe(false);
  });

  it("put an Idempotency-Key on every POST, and keep one the caller chose", async () => {
    const { fetch, requests } = recordingFetch(json({ id: "1" }, 201));
    const { client } = api(fetch);
    await unwrap(client.POST("/api/inventory/warehouses", { body: { code: "W1", name: "Main" } }));
    await unwrap(client.POST("/api/inventory/warehouses", { body: { code: "W2", name: "Two" } }));
    await unwrap(client.POST("/api/inventory/warehouses", { body: { code: "W2", name: "Two" }, headers: { [IDEMPOTENCY_HEADER]: "form-42" } }));
    expect(requests.map((r) => r.headers.get(IDEMPOTENCY_HEADER))).toEqual(["key-1", "key-2", "form-42"]);
    expect(JSON.parse(requests[0].body)).toEqual({ code: "W1", name: "Main" });
  });

  it("sign in without a token, and a wrong password is not an expired session", async () => {
    const { fetch, requests } = recordingFetch(problem(401, { title: "Unauthorized", detail: "wrong username or password" }));
    const { client, onExpired } = api(fetch, null);
    const error = await failure(unwrap(client.POST(SIGN_IN_PATH, { body: { username: "ann", password: "x" } })));
    expect(error.kind).toBe("unauthorized");
    expect(requests[0].headers.has("Authorization")).toBe(false);
    expect(onExpired).not.toHaveBeenCalled();
  });
});

describe("the end of a session", () => {
  it("a 401 from the API ends it", async () => {
    const { fetch } = recordingFetch(problem(401, { title: "Unauthorized", detail: "the token has expired" }, { "WWW-Authenticate": "Bearer" }));
    const { client, onExpired } = api(fetch);
    const error = await failure(unwrap(client.GET("/api/sales/customers")));
    expect(error.kind).toBe("unauthorized");
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it("without a valid token nothing is sent at all", async () => {
    const { fetch, requests } = recordingFetch(json([]));
    const { client, onExpired } = api(fetch, null);
    const error = await failure(unwrap(client.GET("/api/sales/customers")));
    expect(error.status).toBe(401);
    expect(requests).toHaveLength(0);
    expect(onExpired).toHaveBeenCalledTimes(1);
  });
});

describe("problem+json becomes something the screen can show", () => {
  it("maps validation errors to form fields, nested lines included", async () => {
    const { fetch } = recordingFetch(
      problem(422, {
        title: "Validation failed",
        detail: "invalid fields: code, lines",
        errors: { code: ["Missing data for required field."], lines: { "0": { quantity: ["Must be greater than 0."] } } },
      }),
    );
    const error = await failure(unwrap(api(fetch).client.POST("/api/inventory/warehouses", { body: { code: "", name: "x" } })));
    expect(error.kind).toBe("validation");
    expect(error.fieldErrors).toEqual({ code: ["Missing data for required field."], "lines.0.quantity": ["Must be greater than 0."] });
    expect(error.formFields()).toEqual([
      { name: ["code"], errors: ["Missing data for required field."] },
      { name: ["lines", 0, "quantity"], errors: ["Must be greater than 0."] },
    ]);
  });

  it("names the business rule on 409 and 422 refusals", async () => {
    const { fetch } = recordingFetch(
      problem(409, { title: "Conflict", detail: "purchase order PO-1 is approved and can no longer be changed" }),
      problem(422, { title: "Business rule violated", detail: "the credit limit would be exceeded", errors: { customer_id: ["the credit limit would be exceeded"] } }),
    );
    const { client } = api(fetch);
    const conflict = await failure(unwrap(client.POST("/api/procurement/purchase-orders/{order_id}/cancel", { params: { path: { order_id: "1" } }, body: { reason: "x" } })));
    expect(conflict.kind).toBe("rule");
    expect(conflict.ruleMessage).toBe("Conflict: purchase order PO-1 is approved and can no longer be changed");
    const rule = await failure(unwrap(client.GET("/api/sales/customers")));
    expect(rule.kind).toBe("rule");
    expect(rule.formFields()).toEqual([{ name: ["customer_id"], errors: ["the credit limit would be exceeded"] }]);
  });

  it("marks 5xx, 502, 504 and network failures retryable, and 403 forbidden", async () => {
    for (const status of [500, 502, 503, 504]) {
      const { fetch } = recordingFetch(problem(status, { title: "Bad Gateway", detail: "inventory is not answering" }, { "Retry-After": "2" }));
      const error = await failure(unwrap(api(fetch).client.GET("/api/inventory/items")));
      expect(error.kind).toBe("retryable");
      expect(error.retryable).toBe(true);
      expect(error.retryAfterSeconds).toBe(2);
    }
    const html = recordingFetch(new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway", headers: { "Content-Type": "text/html" } }));
    const proxied = await failure(unwrap(api(html.fetch).client.GET("/api/inventory/items")));
    expect(proxied.kind).toBe("retryable");
    expect(proxied.problem.title).toBe("Bad Gateway");
    const down = await failure(unwrap(api(() => Promise.reject(new TypeError("Failed to fetch"))).client.GET("/api/inventory/items")));
    expect(down.kind).toBe("retryable");
    expect(down.status).toBe(0);
    const forbidden = recordingFetch(problem(403, { title: "Forbidden", detail: "POST /api/inventory/items needs one of the roles: admin, warehouse" }));
    const refused = await failure(unwrap(api(forbidden.fetch).client.GET("/api/inventory/items")));
    expect(refused.kind).toBe("forbidden");
    expect(refused.retryable).toBe(false);
  });

  it("classifies by status and title", () => {
    expect(classify(400, {})).toBe("validation");
    expect(classify(404, {})).toBe("not_found");
    expect(classify(429, {})).toBe("rate_limited");
    expect(classify(418, {})).toBe("other");
    expect(flattenFieldErrors(["whole body is wrong"])).toEqual({ _schema: ["whole body is wrong"] });
    expect(flattenFieldErrors({ lines: [{ price: ["bad"] }, { price: ["worse"] }] })).toEqual({ "lines.0.price": ["bad"], "lines.1.price": ["worse"] });
  });
});

describe("paged lists", () => {
  const header = (total: number, pages: number, page: number) => ({ "X-Pagination": JSON.stringify({ total, total_pages: pages, page }) });

  it("read the totals from X-Pagination", async () => {
    const { fetch, requests } = recordingFetch(json([{ id: "a" }], 200, header(41, 3, 2)));
    const page = await fetchPage(api(fetch).client, "/api/procurement/suppliers", { page: 2, page_size: 20, q: "", active: "true" });
    expect(page.pagination).toEqual({ total: 41, totalPages: 3, page: 2 });
    expect(requests[0].url.search).toBe("?page=2&page_size=20&active=true");
    expect(parsePagination(null, 3, 1)).toEqual({ total: 3, totalPages: 1, page: 1 });
    expect(parsePagination("not json", 0, 1)).toEqual({ total: 0, totalPages: 0, page: 1 });
  });

  it("export every page of the filtered list", async () => {
    const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ id: String(from + i) }));
    const { fetch, requests } = recordingFetch(json(rows(0, 100), 200, header(230, 3, 1)), json(rows(100, 100), 200, header(230, 3, 2)), json(rows(200, 30), 200, header(230, 3, 3)));
    const progress: number[] = [];
    const all = await fetchAll(api(fetch).client, "/api/sales/sales-orders", { status: "draft" }, { onProgress: (n) => progress.push(n) });
    expect(all.rows).toHaveLength(230);
    expect(all.truncated).toBe(false);
    expect(progress).toEqual([100, 200, 230]);
    expect(requests.map((r) => r.url.search)).toEqual([
      "?status=draft&page=1&page_size=100",
      "?status=draft&page=2&page_size=100",
      "?status=draft&page=3&page_size=100",
    ]);
  });

  it("stop an export at the row limit and say so", async () => {
    const { fetch, requests } = recordingFetch(json(Array.from({ length: 100 }, (_, i) => ({ id: String(i) })), 200, header(1000, 10, 1)));
    const all = await fetchAll(api(fetch).client, "/api/inventory/items", {}, { maxRows: 150 });
    expect(all.rows).toHaveLength(150);
    expect(all).toMatchObject({ total: 1000, truncated: true });
    expect(requests).toHaveLength(2);
  });
});
