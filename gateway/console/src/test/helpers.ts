/** Shared by the unit tests: unsigned tokens with chosen claims, an in-memory Storage, a recording fetch. */

function base64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fakeToken(claims: Record<string, unknown>): string {
  return `${base64Url('{"alg":"RS256","typ":"JWT"}')}.${base64Url(JSON.stringify(claims))}.c2lnbmF0dXJl`;
}

export class MemoryStorage implements Storage {
  private values = new Map<string, string>();
  get length() {
    return this.values.size;
  }
  clear() {
    this.values.clear();
  }
  getItem(key: string) {
    return this.values.get(key) ?? null;
  }
  key(index: number) {
    return [...this.values.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.values.delete(key);
  }
  setItem(key: string, value: string) {
    this.values.set(key, value);
  }
}

export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

type Answer = Response | ((request: Recorded) => Response | Promise<Response>);

/** A fetch that answers from a list (the last answer repeats) and records every request it got. */
export function recordingFetch(...answers: Answer[]) {
  const requests: Recorded[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const recorded = { method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() };
    requests.push(recorded);
    const answer = answers[Math.min(requests.length - 1, answers.length - 1)];
    return typeof answer === "function" ? answer(recorded) : answer.clone();
  };
  return { fetch, requests };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", status, ...body }), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
}
