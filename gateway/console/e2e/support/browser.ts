/**
 * Debian's chromium under playwright-core (no browser is ever downloaded), and a page that watches itself:
 * every request the page makes must stay on the console's origin (anything else is blocked and reported),
 * and nothing may be logged as an error (console.error, an uncaught exception, a CSP violation) unless the
 * journey says it expects it (a 401 after a wrong password is logged by chromium as a failed resource).
 */
import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { BASE_URL, CHROMIUM, ORIGIN } from "./env";

export const VIEWPORT = { width: 1280, height: 800 } as const;

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no chromium at ${CHROMIUM} (apt-get install chromium, or set ERP_CHROMIUM)`);
  // chromium's sandbox needs user namespaces, which root in a container does not get.
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: root ? ["--no-sandbox"] : [] });
}

/** Blob downloads (the CSV export) and data: URLs never leave the browser; every other URL must be ours. */
export function staysOnOrigin(url: string): boolean {
  if (url.startsWith("data:")) return true;
  if (url.startsWith("blob:")) return url.slice("blob:".length).startsWith(`${ORIGIN}/`);
  return new URL(url).origin === ORIGIN;
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Every URL any page of the context asked for, in order. */
  requests: string[];
  errors: string[];
  /** Console errors matching this are part of the journey (e.g. the 401 of a wrong password). */
  allowError(pattern: RegExp): void;
  /** The journey's end: no foreign request, no unexpected error; then the context is closed. */
  close(): Promise<void>;
}

export async function open(browser: Browser, options: { locale?: string } = {}): Promise<Watched> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: VIEWPORT,
    locale: options.locale ?? "en-US",
    timezoneId: "UTC",
    acceptDownloads: true,
    reducedMotion: "reduce",
  });
  const requests: string[] = [];
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  context.on("request", (request) => requests.push(request.url()));
  await context.route((url) => !staysOnOrigin(url.href), (route) => route.abort("blockedbyclient"));
  const page = await context.newPage();
  const watch = (target: Page) => {
    target.on("console", (message) => {
      if (message.type() === "error") errors.push(`console.error: ${message.text()} (${message.location().url})`);
    });
    target.on("pageerror", (error) => errors.push(`uncaught: ${error.stack ?? error.message}`));
  };
  watch(page);
  context.on("page", watch);
  return {
    context,
    page,
    requests,
    errors,
    allowError: (pattern) => allowed.push(pattern),
    async close() {
      await context.close();
      const foreign = requests.filter((url) => !staysOnOrigin(url));
      const unexpected = errors.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      const problems = [
        ...foreign.map((url) => `request left ${ORIGIN}: ${url}`),
        ...unexpected,
      ];
      if (problems.length > 0) throw new Error(`the page misbehaved:\n  ${problems.join("\n  ")}`);
    },
  };
}
