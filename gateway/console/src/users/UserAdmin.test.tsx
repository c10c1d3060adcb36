// @vitest-environment jsdom
/** The users list's drawer against a fake gateway: a refused then accepted create, a roles change, a deactivation after confirming. */
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { App } from "../App";
import { buttonOf, fakeApi, fieldOf, found, paged, signedIn, stubBrowser } from "../test/browser";
import { json, problem } from "../test/helpers";

beforeAll(async () => {
  stubBrowser();
  await Promise.all([import("../App"), import("../lists/ResourceList"), import("./UserDrawer")]);
}, 120_000);
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  stubBrowser();
});

const ADA = { id: "u-1", username: "ada", roles: ["admin"], active: true, created_at: "2024-01-02T03:04:05Z" };

function input(name: string): HTMLInputElement {
  return document.getElementById(`user-${name}`) as HTMLInputElement;
}

function drawer(): HTMLElement {
  return document.querySelector<HTMLElement>(".ant-drawer")!;
}

/** The checkbox of a role by its label, as the user sees it. */
function roleBox(label: string): HTMLInputElement {
  return within(fieldOf("roles")).getByText(label).closest("label")!.querySelector("input")!;
}

describe("user administration", () => {
  it("create a user: a 422 on the password shows at the password field, the retry succeeds with one Idempotency-Key", async () => {
    let attempts = 0;
    let rows: unknown[] = [ADA];
    const requests = fakeApi((request) => {
      const path = request.url.pathname;
      if (path === "/api/auth/users" && request.method === "POST") {
        attempts += 1;
        if (attempts === 1) return problem(422, { title: "Validation failed", errors: { password: ["Shorter than minimum length 8."] } });
        const created = { id: "u-2", username: "wes", roles: JSON.parse(request.body).roles, active: true };
        rows = [ADA, created];
        return json(created, 201);
      }
      if (path === "/api/auth/users") return paged(rows);
      return problem(404, { title: "Not Found" });
    });
    signedIn("ada", ["admin"]);
    window.history.pushState({}, "", "/admin/users");
    render(<App />);

    const newUser = await found<HTMLButtonElement>('[data-action="new-user"]');
    expect(newUser.textContent).toBe("New user");
    await act(async () => fireEvent.click(newUser));
    await waitFor(() => expect(input("password")).toBeTruthy(), { timeout: 30_000 });
    expect(within(fieldOf("password")).getByText("At least 8 characters. It cannot be changed here later.")).toBeTruthy();
    fireEvent.change(input("username"), { target: { value: "Wes" } });
    fireEvent.change(input("password"), { target: { value: "short" } });
    fireEvent.click(roleBox("Warehouse"));
    fireEvent.click(roleBox("Viewer"));

    await act(async () => fireEvent.click(buttonOf(within(drawer()).getByText("Create user"))));
    await waitFor(() => expect(within(fieldOf("password")).getByText("Shorter than minimum length 8.")).toBeTruthy());
    const first = requests.find((request) => request.method === "POST")!;
    expect(JSON.parse(first.body)).toEqual({ username: "Wes", password: "short", roles: ["warehouse", "viewer"] });
    expect(first.headers.get("Idempotency-Key")).toBeTruthy();

    fireEvent.change(input("password"), { target: { value: "long enough" } });
    await waitFor(() => expect(within(fieldOf("password")).queryByText("Shorter than minimum length 8.")).toBeNull());
    const create = buttonOf(within(drawer()).getByText("Create user"));
    await act(async () => {
      fireEvent.click(create);
      fireEvent.click(create);
    });
    expect(await screen.findByText("User wes created.", undefined, { timeout: 5000 })).toBeTruthy();
    const posts = requests.filter((request) => request.method === "POST");
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[1].body).password).toBe("long enough");
    expect(posts[1].headers.get("Idempotency-Key")).toBe(first.headers.get("Idempotency-Key"));
    await found('[data-record="u-2"]');
  }, 90_000);

  it("change a user's roles with a PUT of the whole set, then deactivate only after confirming", async () => {
    let wes = { id: "u-2", username: "wes", roles: ["warehouse"], active: true };
    const requests = fakeApi((request) => {
      const path = request.url.pathname;
      if (path === "/api/auth/users" && request.method === "GET") return paged([ADA, wes]);
      if (path === "/api/auth/users/u-2/roles" && request.method === "PUT") {
        wes = { ...wes, roles: JSON.parse(request.body).roles };
        return json(wes);
      }
      if (path === "/api/auth/users/u-2/deactivate" && request.method === "POST") {
        wes = { ...wes, active: false };
        return json(wes);
      }
      return problem(404, { title: "Not Found" });
    });
    signedIn("ada", ["admin"]);
    window.history.pushState({}, "", "/admin/users");
    render(<App />);

    const link = await found('[data-record="u-2"]');
    expect(link.textContent).toBe("wes");
    await act(async () => fireEvent.click(link));
    await waitFor(() => expect(roleBox("Warehouse").checked).toBe(true), { timeout: 30_000 });
    expect(input("password")).toBeNull();
    fireEvent.click(roleBox("Sales"));
    await act(async () => fireEvent.click(buttonOf(within(drawer()).getByText("Save roles"))));
    expect(await screen.findByText("Roles of wes saved.", undefined, { timeout: 5000 })).toBeTruthy();
    const put = requests.find((request) => request.method === "PUT")!;
    expect(JSON.parse(put.body)).toEqual({ roles: ["warehouse", "sales"] });

    await act(async () => fireEvent.click(buttonOf(within(drawer()).getByText("Deactivate"))));
    const dialog = await waitFor(() => document.querySelector<HTMLElement>(".ant-modal-confirm")!);
    expect(within(dialog).getAllByText("Deactivate user wes?").length).toBeGreaterThan(0);
    expect(requests.some((request) => request.method === "POST")).toBe(false);
    await act(async () => fireEvent.click(buttonOf(within(dialog).getByText("Deactivate"))));
    expect(await screen.findByText("User wes deactivated.", undefined, { timeout: 5000 })).toBeTruthy();
    expect(requests.filter((request) => request.method === "POST").map((request) => request.url.pathname)).toEqual(["/api/auth/users/u-2/deactivate"]);
    await waitFor(() => expect(within(drawer()).getByText("Inactive")).toBeTruthy());
    expect(within(drawer()).queryByText("Deactivate")).toBeNull();
  }, 90_000);

  it("show the gateway's refusal to demote the last active admin", async () => {
    fakeApi((request) => {
      const path = request.url.pathname;
      if (path === "/api/auth/users" && request.method === "GET") return paged([ADA]);
      if (path === "/api/auth/users/u-1/roles") return problem(409, { title: "Conflict", detail: "this is the last active admin; make another user admin first" });
      return problem(404, { title: "Not Found" });
    });
    signedIn("ada", ["admin"]);
    window.history.pushState({}, "", "/admin/users");
    render(<App />);

    await act(async () => fireEvent.click(await found('[data-record="u-1"]')));
    await waitFor(() => expect(roleBox("Administrator").checked).toBe(true), { timeout: 30_000 });
    fireEvent.click(roleBox("Administrator"));
    fireEvent.click(roleBox("Viewer"));
    await act(async () => fireEvent.click(buttonOf(within(drawer()).getByText("Save roles"))));
    expect(await within(drawer()).findByText("Conflict: this is the last active admin; make another user admin first", undefined, { timeout: 5000 })).toBeTruthy();
  }, 90_000);
});
