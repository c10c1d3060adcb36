import { describe, expect, it } from "vitest";
import { json, recordingFetch } from "../test/helpers";
import { createApi, IDEMPOTENCY_HEADER, unwrap } from "./client";
import { Submission } from "./submission";

describe("a create submitted from a form", () => {
  it("is sent once for a double click, and a retry after a failure carries the same key", async () => {
    let answer = 0;
    const { fetch, requests } = recordingFetch(() => (++answer === 1 ? json({ title: "Bad Gateway" }, 502) : json({ id: "w-1" }, 201)));
    const client = createApi({ baseUrl: "http://console.test", fetch, session: { token: () => "tok", onExpired: () => {} } });
    let keys = 0;
    const submission = new Submission<unknown>(() => `form-key-${++keys}`);
    const create = (key: string) =>
      unwrap(client.POST("/api/inventory/warehouses", { body: { code: "W1", name: "Main" }, headers: { [IDEMPOTENCY_HEADER]: key } })).then((r) => r.data);

    const first = submission.run(create);
    const second = submission.run(create); // the double click
    expect(second).toBe(first);
    expect(submission.pending).toBe(true);
    await expect(first).rejects.toMatchObject({ kind: "retryable" });
    expect(submission.pending).toBe(false);

    await expect(submission.run(create)).resolves.toEqual({ id: "w-1" });
    expect(requests.map((r) => r.headers.get(IDEMPOTENCY_HEADER))).toEqual(["form-key-1", "form-key-1"]);
    expect(submission.idempotencyKey).toBe("form-key-2"); // the next document is a new create
  });
});
