/**
 * The gateway serves the console under a Content-Security-Policy whose style-src allows only this origin
 * and a per-response nonce (gateway/gateway/console.py). Ant Design takes the nonce through ConfigProvider;
 * a few of its helpers (rc-table measuring the scrollbar) create <style> elements without asking, so every
 * <style> our own scripts create gets the nonce too. Markup injected into the page still gets none.
 */

let nonce: string | undefined;

export function cspNonce(): string | undefined {
  return nonce;
}

export function adoptCspNonce(doc: Document = document): string | undefined {
  nonce = doc.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce || undefined;
  if (!nonce) return undefined; // `npm run dev`: no policy, nothing to do
  const createElement = doc.createElement.bind(doc) as (tagName: string, options?: ElementCreationOptions) => HTMLElement;
  const value = nonce;
  doc.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    const element = createElement(tagName, options);
    if (tagName.toLowerCase() === "style") element.nonce = value;
    return element;
  }) as Document["createElement"];
  return nonce;
}
