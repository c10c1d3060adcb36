/**
 * Where a requisition looks up its department and requester: inventory's read models of HR's records, searched
 * as typed (`q`: a code starting with the text or a name containing it); an empty search lists the first
 * active records by code.
 */
import type { QueryValues } from "../../api/lists";
import { LOOKUP_PAGE_SIZE, type LookupSource, type PartyRef } from "../../documents/lookups";

function byText(text: string): QueryValues {
  return { q: text.trim() || undefined, active: true, page: 1, page_size: LOOKUP_PAGE_SIZE };
}

export const DEPARTMENT_LOOKUP: LookupSource<"/api/inventory/read-models/departments", PartyRef> = {
  key: "departments",
  path: "/api/inventory/read-models/departments",
  query: byText,
  toRef: (row) => ({ id: row.id ?? "", code: row.code ?? "", name: row.name ?? "" }),
};

export const EMPLOYEE_LOOKUP: LookupSource<"/api/inventory/read-models/employees", PartyRef> = {
  key: "employees",
  path: "/api/inventory/read-models/employees",
  query: byText,
  toRef: (row) => ({ id: row.id ?? "", code: row.employee_no ?? "", name: row.full_name ?? "" }),
};
