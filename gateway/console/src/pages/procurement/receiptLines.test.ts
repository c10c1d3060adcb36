import { describe, expect, it } from "vitest";
import { prepareLines } from "../../documents/draftLines";
import { isBlankReceipt, receiptLineBody, receiptProblems, rejectedOf, withReceived, type ReceiptRow } from "./receiptLines";

const WAREHOUSE = { id: "wh-1", code: "MAIN" };
const row = (values: Partial<ReceiptRow>): ReceiptRow => ({ poLineId: "pol-1", received: "", accepted: "", acceptedEdited: false, warehouse: WAREHOUSE, batch: "", ...values });

describe("a receipt row", () => {
  it("accepts what was received until told otherwise; the rest is rejected, exactly", () => {
    const typed = withReceived(row({}), "10");
    expect(typed.accepted).toBe("10");
    expect(rejectedOf(typed)).toBe("0");
    const inspected = withReceived({ ...typed, accepted: "9.9999", acceptedEdited: true }, "10.1");
    expect(inspected.accepted).toBe("9.9999");
    expect(rejectedOf(inspected)).toBe("0.1001");
  });

  it("is checked before sending, and skipped when nothing was received", () => {
    const rows = [
      row({ received: "5", accepted: "6", acceptedEdited: true }),
      row({ received: "" }),
      row({ received: "0", accepted: "0", warehouse: null }),
      row({ received: "1", accepted: "1", batch: "x".repeat(61) }),
    ];
    expect(isBlankReceipt(rows[1])).toBe(true);
    expect(receiptProblems(rows)).toEqual({
      "lines.0.quantity_accepted": "moreThanReceived",
      "lines.2.quantity_received": "notPositive",
      "lines.2.warehouse_id": "required",
      "lines.3.batch_no": "batchTooLong",
    });
  });

  it("becomes the API's receipt line, and server errors find their row again", () => {
    const rows = [row({ received: "" }), row({ poLineId: "pol-2", received: "3", accepted: "2.5", acceptedEdited: true, batch: " B-7 " })];
    const prepared = prepareLines(rows, receiptLineBody, isBlankReceipt);
    expect(prepared.lines).toEqual([
      { po_line_id: "pol-2", quantity_received: "3", quantity_accepted: "2.5", quantity_rejected: "0.5", warehouse_id: "wh-1", batch_no: "B-7" },
    ]);
    expect(prepared.gridIndexOf).toEqual([1]);
  });
});
