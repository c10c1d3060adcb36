import { describe, expect, it } from "vitest";
import type { FilterDef } from "./definition";
import { columnSortOrder, exportQuery, pageQuery, readListState, readSort, withFilter, withSort, writeListState } from "./urlState";

const FILTERS: FilterDef[] = [
  { name: "number", kind: "search", placeholderKey: "x" },
  { name: "status", kind: "select", labelKey: "x", options: ["draft"], labels: "x" },
];

describe("list state in the URL", () => {
  it("reads page, size, sort and only the declared filters", () => {
    const state = readListState(new URLSearchParams("page=3&page_size=50&status=draft&evil=1&sort=-number"), FILTERS, ["number"]);
    expect(state).toEqual({ page: 3, pageSize: 50, sort: "-number", filters: { status: "draft" } });
    expect(pageQuery(state)).toEqual({ status: "draft", sort: "-number", page: 3, page_size: 50 });
    expect(exportQuery(state)).toEqual({ status: "draft", sort: "-number" });
  });

  it("falls back to defaults for nonsense, and ignores sorts the API does not offer", () => {
    const state = readListState(new URLSearchParams("page=-1&page_size=7&sort=total"), FILTERS);
    expect(state).toEqual({ page: 1, pageSize: 20, sort: "", filters: {} });
  });

  it("writes a short, bookmarkable query and goes back to page 1 when a filter changes", () => {
    const state = readListState(new URLSearchParams("page=4&status=draft"), FILTERS);
    expect(writeListState(state).toString()).toBe("status=draft&page=4");
    const filtered = withFilter(state, "number", "PO-2026");
    expect(writeListState(filtered).toString()).toBe("status=draft&number=PO-2026");
    expect(writeListState(withFilter(filtered, "status", undefined)).toString()).toBe("number=PO-2026");
  });

  it("takes a sort of several keys only when the API would: each key declared, none twice", () => {
    const sortable = ["number", "order_date", "status"];
    expect(readSort("-order_date,number", sortable)).toBe("-order_date,number");
    expect(readSort("order_date,-supplier_id", sortable)).toBe("");
    expect(readSort("number,-number", sortable)).toBe("");
    expect(readSort("number,", sortable)).toBe("");
    expect(readSort(null, sortable)).toBe("");
  });

  it("shows the first key on its header, and a header click sorts by that column alone from page 1", () => {
    expect(columnSortOrder("-order_date,number", "order_date")).toBe("descend");
    expect(columnSortOrder("-order_date,number", "number")).toBeNull();
    expect(columnSortOrder("number", "number")).toBe("ascend");
    const state = readListState(new URLSearchParams("page=3&status=draft&sort=-order_date,number"), FILTERS, ["number", "order_date"]);
    const sorted = withSort(state, "number", "descend");
    expect(writeListState(sorted).toString()).toBe("status=draft&sort=-number");
    expect(pageQuery(sorted)).toEqual({ status: "draft", sort: "-number", page: 1, page_size: 20 });
    expect(exportQuery(withSort(state, "number", "ascend"))).toEqual({ status: "draft", sort: "number" });
    expect(writeListState(withSort(state, "number", null)).toString()).toBe("status=draft");
  });
});
