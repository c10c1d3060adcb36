import { describe, expect, it } from "vitest";
import { isAllowed } from "../../auth/permissions";
import { DEAD_LETTER_SERVICES, deadLettersPath, errorSummary, prettyBody } from "./deadLetters";

describe("dead letters", () => {
  it("are read and replayed through the gateway by admins only", () => {
    for (const service of DEAD_LETTER_SERVICES) {
      expect(isAllowed(["admin"], "GET", deadLettersPath(service))).toBe(true);
      expect(isAllowed(["admin"], "POST", `${deadLettersPath(service)}/replay`)).toBe(true);
      expect(isAllowed(["admin"], "POST", `${deadLettersPath(service)}/m-1/replay`)).toBe(true);
      for (const role of ["viewer", "warehouse", "accounting"]) {
        expect(isAllowed([role], "GET", deadLettersPath(service))).toBe(false);
        expect(isAllowed([role], "POST", `${deadLettersPath(service)}/replay`)).toBe(false);
      }
    }
  });

  it("show the last line of a traceback as the error, and the body as readable JSON", () => {
    expect(errorSummary("Traceback (most recent call last):\n  File x\nKeyError: 'item_id'\n", null)).toBe("KeyError: 'item_id'");
    expect(errorSummary(null, "rejected")).toBe("rejected");
    expect(errorSummary(null, null)).toBe("");
    expect(prettyBody('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyBody("not json")).toBe("not json");
    expect(prettyBody({ amount: "1.10" })).toBe('{\n  "amount": "1.10"\n}');
  });
});
