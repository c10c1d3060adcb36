/** What the jsdom tests of whole screens share: the browser features Ant Design asks for, a signed-in session, a fake API. */
import { vi } from "vitest";
import { fakeToken, type Recorded } from "./helpers";

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
