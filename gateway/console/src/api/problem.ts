/**
 * Every API error as one type the screens can show usefully. The services and the gateway answer with
 * RFC 9457 problem+json ({type, title, status, detail, instance}, plus `errors` keyed by field for invalid
 * input or a rule tied to a field; see shared/erp_shared/web/problems.py).
 */

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string | null;
  errors?: unknown;
}

export type ErrorKind =
  | "validation" // 400/422 "Validation failed": fix the fields named in fieldErrors
  | "rule" // 409/422 a business rule refused the request: the message names it
  | "unauthorized" // 401: the session is over
  | "forbidden" // 403: the caller's roles do not allow it
  | "not_found"
  | "rate_limited" // 429: wait, then retry
  | "retryable" // 5xx, 502 (service down), 503, 504 (service too slow), network failure
  | "other";

/** Field path ("lines.0.quantity") -> messages. */
export type FieldErrors = Record<string, string[]>;

const VALIDATION_TITLES = new Set(["Validation failed", "Malformed request"]);

export function flattenFieldErrors(errors: unknown, prefix = ""): FieldErrors {
  const flat: FieldErrors = {};
  if (Array.isArray(errors)) {
    if (errors.every((message) => typeof message === "string")) {
      flat[prefix || "_schema"] = errors as string[];
    } else {
      errors.forEach((nested, index) => Object.assign(flat, flattenFieldErrors(nested, prefix ? `${prefix}.${index}` : String(index))));
    }
  } else if (errors && typeof errors === "object") {
    for (const [key, nested] of Object.entries(errors)) {
      Object.assign(flat, flattenFieldErrors(nested, prefix ? `${prefix}.${key}` : key));
    }
  } else if (typeof errors === "string") {
    flat[prefix || "_schema"] = [errors];
  }
  return flat;
}

export function classify(status: number, problem: Problem): ErrorKind {
  if (status === 0) return "retryable";
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "retryable";
  if (status === 400 || (status === 422 && VALIDATION_TITLES.has(problem.title ?? ""))) return "validation";
  if (status === 409 || status === 422) return "rule";
  return "other";
}

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly kind: ErrorKind;
  readonly fieldErrors: FieldErrors;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.kind = classify(status, problem);
    this.fieldErrors = flattenFieldErrors(problem.errors);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get retryable(): boolean {
    return this.kind === "retryable" || this.kind === "rate_limited";
  }

  /** For 409/422 refusals: "Business rule violated: the order is not approved yet". */
  get ruleMessage(): string {
    const { title, detail } = this.problem;
    return [title, detail].filter(Boolean).join(": ") || this.message;
  }

  /** Errors in the shape of Ant Design's form.setFields: name as a path, messages as errors. */
  formFields(): { name: (string | number)[]; errors: string[] }[] {
    return Object.entries(this.fieldErrors)
      .filter(([field]) => field !== "_schema")
      .map(([field, errors]) => ({ name: field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors }));
  }

  static network(cause: unknown): ApiError {
    const error = new ApiError(0, { title: "Network error", detail: cause instanceof Error ? cause.message : String(cause) });
    return error;
  }
}

/** The problem in a non-2xx body (problem+json, plain JSON, or text from a proxy in front of the gateway). */
export function problemFrom(status: number, body: unknown, statusText = ""): Problem {
  if (body && typeof body === "object" && !Array.isArray(body)) return body as Problem;
  const text = typeof body === "string" ? body.trim() : "";
  return { status, title: statusText || `HTTP ${status}`, detail: text && text.length < 300 && !text.startsWith("<") ? text : undefined };
}

export function retryAfter(headers: Headers): number | null {
  const value = headers.get("Retry-After");
  if (!value || !/^\d+$/.test(value)) return null;
  return Number(value);
}
