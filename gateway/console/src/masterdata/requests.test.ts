import { describe, expect, it } from "vitest";
import { customerRecord, employeeRecord, itemRecord, supplierRecord } from "./records";
import { createBody, initialValues, shownFields, updateBody } from "./requests";
import type { MasterRecord } from "./spec";

const ITEM: MasterRecord = {
  id: "i-1", code: "RM-1", name: "Steel sheet", item_type: "raw_material", unit: "kg", valuation_method: "fifo",
  reorder_level: "100.5000", reorder_quantity: "500.0000", active: true, version: 3,
};

describe("a new record's request", () => {
  it("sends what was entered, decimals as the exact strings typed and the schema's defaults prefilled", () => {
    const values = { ...initialValues(itemRecord.fields, null), code: " RM-2 ", name: "Bolt", item_type: "raw_material", unit: "pcs", reorder_level: "0.1" };
    expect(createBody(itemRecord.fields, values)).toEqual({
      body: { code: "RM-2", name: "Bolt", item_type: "raw_material", unit: "pcs", valuation_method: "moving_average", reorder_level: "0.1", reorder_quantity: "0" },
      problems: null,
    });
  });

  it("keeps money exact far beyond a float's digits", () => {
    const values = { ...initialValues(customerRecord.fields, null), code: "C-1", name: "Acme", credit_limit: "12345678901234.99" };
    const prepared = createBody(customerRecord.fields, values);
    expect(prepared.body?.credit_limit).toBe("12345678901234.99");
    expect(prepared.body).not.toHaveProperty("email");
  });

  it("names the fields to fix before anything is sent", () => {
    const values = { ...initialValues(customerRecord.fields, null), code: "", name: "Acme", credit_limit: "1.999" };
    expect(createBody(customerRecord.fields, values).problems).toEqual({
      code: { problem: "required" },
      credit_limit: { problem: "tooManyPlaces", values: { places: 2 } },
    });
    const supplier = { ...initialValues(supplierRecord.fields, null), code: "S-1", name: "Acme", payment_terms_days: "30.5" };
    expect(createBody(supplierRecord.fields, supplier).problems).toEqual({ payment_terms_days: { problem: "notAnInteger" } });
    expect(createBody(supplierRecord.fields, { ...supplier, payment_terms_days: "400" }).problems).toEqual({ payment_terms_days: { problem: "tooLarge" } });
  });

  it("sends whole numbers as numbers and a chosen lookup as its id", () => {
    const supplier = { ...initialValues(supplierRecord.fields, null), code: "S-1", name: "Acme" };
    expect(createBody(supplierRecord.fields, supplier).body).toEqual({ code: "S-1", name: "Acme", payment_terms_days: 30 });
    const employee = { employee_no: "E-7", full_name: "Li Wei", department_id: "d-1", hired_on: "2026-01-05" };
    expect(createBody(employeeRecord.fields, employee).body).toEqual(employee);
  });
});

describe("an edit's request", () => {
  it("sends only the fields changed, and nothing for an unchanged decimal written differently", () => {
    const values = { ...initialValues(itemRecord.fields, ITEM), name: "Steel sheet 3mm", reorder_level: "100.50" };
    expect(updateBody(itemRecord.fields, ITEM, values)).toEqual({ body: { name: "Steel sheet 3mm" }, problems: null });
    expect(updateBody(itemRecord.fields, ITEM, { ...values, reorder_quantity: "499.9999" }).body).toEqual({ name: "Steel sheet 3mm", reorder_quantity: "499.9999" });
  });

  it("never sends a code fixed at creation", () => {
    const values = { ...initialValues(itemRecord.fields, ITEM), code: "OTHER" };
    expect(updateBody(itemRecord.fields, ITEM, values).body).toEqual({});
  });

  it("clears an optional field with null and refuses to clear a required one", () => {
    const employee: MasterRecord = { id: "e-1", employee_no: "E-1", full_name: "Li Wei", department_id: "d-1", job_title: "Buyer", email: null, hired_on: "2025-03-01", active: true };
    const values = { ...initialValues(employeeRecord.fields, employee), department_id: null, job_title: "  " };
    expect(updateBody(employeeRecord.fields, employee, values).body).toEqual({ department_id: null, job_title: null });
    expect(updateBody(employeeRecord.fields, employee, { ...values, full_name: "" }).problems).toEqual({ full_name: { problem: "required" } });
  });
});

describe("the fields shown", () => {
  const supplier: MasterRecord = { id: "s-1", code: "S-1", name: "Acme", contact_name: null, email: null, phone: null, payment_terms_days: 30, active: true };

  it("are those the API sent: no empty bank inputs for a role not sent them", () => {
    expect(shownFields(supplierRecord, supplier, ["warehouse"]).map((field) => field.name)).not.toContain("bank_iban");
    const withBank = { ...supplier, bank_account_name: null, bank_iban: "DE89370400440532013000", bank_bic: null };
    expect(shownFields(supplierRecord, withBank, ["purchasing"]).map((field) => field.name)).toContain("bank_iban");
  });

  it("on a new record follow the roles the API sends the fields to", () => {
    expect(shownFields(supplierRecord, null, ["purchasing"]).map((field) => field.name)).toContain("bank_iban");
    expect(shownFields(supplierRecord, null, ["admin"]).map((field) => field.name)).toContain("bank_bic");
    expect(shownFields(supplierRecord, null, ["sales"]).map((field) => field.name)).not.toContain("bank_bic");
  });
});
