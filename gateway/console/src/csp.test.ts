// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { adoptCspNonce, cspNonce } from "./csp";

describe("the page's CSP nonce", () => {
  it("is taken from index.html and given to every <style> the scripts create", () => {
    const doc = document.implementation.createHTMLDocument("console");
    const meta = doc.createElement("meta");
    meta.setAttribute("property", "csp-nonce");
    meta.nonce = "n0nce";
    doc.head.appendChild(meta);
    expect(adoptCspNonce(doc)).toBe("n0nce");
    expect(cspNonce()).toBe("n0nce");
    expect(doc.createElement("style").nonce).toBe("n0nce");
    expect(doc.createElement("STYLE").nonce).toBe("n0nce");
    expect(doc.createElement("div").nonce).toBe("");
  });

  it("is absent under the dev server, which sets no policy", () => {
    const doc = document.implementation.createHTMLDocument("dev");
    const createElement = doc.createElement;
    expect(adoptCspNonce(doc)).toBeUndefined();
    expect(doc.createElement).toBe(createElement);
  });
});
