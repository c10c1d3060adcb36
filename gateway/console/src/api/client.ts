/**
 * The typed API client (openapi-fetch over the generated `paths`), with what every call needs: the bearer
 * token, an Idempotency-Key on every POST, the session's end on a 401, and errors as ApiError.
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";
import { ApiError, problemFrom, retryAfter } from "./problem";
import type { paths } from "./schema";

export const SIGN_IN_PATH = "/api/auth/token";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";

export interface SessionHooks {
  /** The bearer token, or null when there is none or it has expired. */
  token(): string | null;
  /** Called on a 401 (or when a call finds no valid token): the console goes to sign-in and back. */
  onExpired(): void;
}

export interface ApiOptions {
  baseUrl: string;
  session: SessionHooks;
  fetch?: (request: Request) => Promise<Response>;
  newIdempotencyKey?: () => string;
}

export type ErpClient = Client<paths>;

function problemResponse(status: number, title: string, detail: string): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
}

function isSignIn(request: Request): boolean {
  return new URL(request.url).pathname === SIGN_IN_PATH;
}

export function sessionMiddleware(session: SessionHooks, newKey: () => string): Middleware {
  return {
    onRequest({ request }) {
      if (request.method === "POST" && !request.headers.has(IDEMPOTENCY_HEADER)) {
        request.headers.set(IDEMPOTENCY_HEADER, newKey());
      }
      if (isSignIn(request)) return request;
      const token = session.token();
      if (!token) {
        session.onExpired();
        return problemResponse(401, "Unauthorized", "the session has expired; sign in again");
      }
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
    onResponse({ request, response }) {
      if (response.status === 401 && !isSignIn(request)) session.onExpired();
      return response;
    },
  };
}

export function createApi(options: ApiOptions): ErpClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  client.use(sessionMiddleware(options.session, options.newIdempotencyKey ?? (() => crypto.randomUUID())));
  return client;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a 2xx answer; anything else (a network failure included) throws ApiError. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<{ data: T; response: Response }> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (cause) {
    if (cause instanceof ApiError) throw cause;
    throw ApiError.network(cause);
  }
  const { data, error, response } = result;
  if (!response.ok) {
    throw new ApiError(response.status, problemFrom(response.status, error, response.statusText), retryAfter(response.headers));
  }
  return { data: data as T, response };
}
