import { describe, expect, it } from "vitest";
import { fakeToken, MemoryStorage } from "../test/helpers";
import { clearSession, decodeClaims, isExpired, loadSession, safeReturnPath, saveSession, sessionFromToken } from "./session";

describe("the session token", () => {
  const now = Date.UTC(2026, 0, 1) / 1000;

  it("reads who the user is, their roles and the expiry (UTF-8 names included)", () => {
    const claims = decodeClaims(fakeToken({ sub: "u-1", username: "王芳", roles: ["sales", 7], exp: now + 60 }));
    expect(claims).toEqual({ sub: "u-1", username: "王芳", roles: ["sales"], exp: now + 60 });
  });

  it("is not a token without a subject and an expiry", () => {
    expect(decodeClaims("not-a-jwt")).toBeNull();
    expect(decodeClaims(fakeToken({ username: "x", exp: now }))).toBeNull();
    expect(decodeClaims(fakeToken({ sub: "x" }))).toBeNull();
    expect(decodeClaims("a.!!!.c")).toBeNull();
  });

  it("counts as expired a few seconds early", () => {
    const claims = decodeClaims(fakeToken({ sub: "u", exp: now + 4 }))!;
    expect(isExpired(claims, now * 1000)).toBe(true);
    expect(isExpired({ ...claims, exp: now + 60 }, now * 1000)).toBe(false);
  });

  it("is kept in session storage and dropped once expired", () => {
    const storage = new MemoryStorage();
    const session = sessionFromToken(fakeToken({ sub: "u", username: "ann", roles: [], exp: now + 600 }))!;
    saveSession(session, storage);
    expect(loadSession(storage, now * 1000)?.claims.username).toBe("ann");
    expect(loadSession(storage, (now + 600) * 1000)).toBeNull();
    expect(storage.length).toBe(0);
    saveSession(session, storage);
    clearSession(storage);
    expect(loadSession(storage, now * 1000)).toBeNull();
  });

  it("only ever returns to a page of the console after sign-in", () => {
    expect(safeReturnPath("/sales/sales-orders?status=draft&page=2")).toBe("/sales/sales-orders?status=draft&page=2");
    for (const unsafe of [null, "", "https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "/sign-in?from=/x"]) {
      expect(safeReturnPath(unsafe)).toBe("/");
    }
  });
});
