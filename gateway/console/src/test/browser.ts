/** What the jsdom tests of whole screens share: the browser features Ant Design asks for, a signed-in session, a fake API. */
import { waitFor } from "@testing-library/react";
import { vi } from "vitest";
import { fakeToken, json, type Recorded } from "./helpers";

export function stubBrowser(): void {
  Object.defineProperty(window, "matchMedia", {
    writable: true,
    value: (query: string) => ({
      matches: false, media: query, onchange: null,
      addListener: () => {}, removeListener: () => {}, addEventListener: () => {}, removeEventListener: () => {}, dispatchEvent: () => false,
    }),
  });
  const computedStyle = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computedStyle(element);
  vi.stubGlobal("ResizeObserver", class { observe() {} unobserve() {} disconnect() {} });
}

/** Signed in already, as `username` with `roles`, in English. */
export function signedIn(username: string, roles: string[]): void {
  sessionStorage.clear();
  localStorage.clear();
  localStorage.setItem("erp.language", "en");
  sessionStorage.setItem("erp.session", fakeToken({ sub: `id-${username}`, username, roles, exp: Math.floor(Date.now() / 1000) + 3600 }));
}

/** Every request made, answered by `answer`. */
export function fakeApi(answer: (request: Recorded) => Response | Promise<Response>): Recorded[] {
  const requests: Recorded[] = [];
  vi.stubGlobal("fetch", async (request: Request) => {
    const recorded = { method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() };
    requests.push(recorded);
    return answer(recorded);
  });
  return requests;
}

/**
 * The button a text is on. `getByRole("button", { name })` computes every element's accessible name, which in
 * jsdom takes seconds per call on a page with a menu and tables; the text is as telling.
 */
export function buttonOf(element: HTMLElement): HTMLButtonElement {
  const button = element.closest("button");
  if (!button) throw new Error(`no button around ${element.outerHTML.slice(0, 80)}`);
  return button;
}

/** A list answer with the gateway's pagination header: every row on one page. */
export const paged = (rows: unknown[]) =>
  json(rows, 200, { "X-Pagination": JSON.stringify({ total: rows.length, total_pages: 1, page: 1 }) });

/** The element once the screen shows it (a selector is quicker than a text query over the whole page in jsdom). */
export function found<E extends HTMLElement>(selector: string): Promise<E> {
  return waitFor(
    () => {
      const element = document.querySelector<E>(selector);
      if (!element) throw new Error(`no ${selector} yet`);
      return element;
    },
    { timeout: 30_000 },
  );
}

/** The form item that shows a field's error (`data-field` on the item). */
export function fieldOf(name: string): HTMLElement {
  return document.querySelector<HTMLElement>(`[data-field="${name}"]`)!;
}
