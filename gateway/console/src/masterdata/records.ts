/**
 * The eight master records' forms, field by field as the API's create and update schemas declare them
 * (openapi/erp.json: *Create and *Update). Codes and types fixed at creation are `createOnly`.
 */
import { LIMIT, type EntryRule } from "../documents/entry";
import type { LookupSource, PartyRef } from "../documents/lookups";
import { defineRecord, type FieldSpec } from "./spec";

const QUANTITY: EntryRule = { places: 4, max: LIMIT };
const MONEY: EntryRule = { places: 2, max: LIMIT };

const CODE: FieldSpec = { name: "code", labelKey: "fields.code", kind: "text", required: true, createOnly: true, maxLength: 40 };
const NAME: FieldSpec = { name: "name", labelKey: "fields.name", kind: "text", required: true, maxLength: 200 };
const EMAIL: FieldSpec = { name: "email", labelKey: "fields.email", kind: "text", nullable: true, maxLength: 254 };
const PHONE: FieldSpec = { name: "phone", labelKey: "fields.phone", kind: "text", nullable: true };
const CONTACT: FieldSpec = { name: "contact_name", labelKey: "fields.contactName", kind: "text", nullable: true, maxLength: 200 };
const ADDRESS: FieldSpec = { name: "address", labelKey: "fields.address", kind: "text", nullable: true, maxLength: 500 };

/** Procurement sends bank details only to these roles (procurement/domain.py BANK_DETAIL_ROLES). */
const BANK_DETAIL_ROLES = ["accounting", "purchasing"] as const;

export const DEPARTMENT_LOOKUP: LookupSource<"/api/hr/departments", PartyRef> = {
  key: "departments",
  path: "/api/hr/departments",
  query: (text) => ({ q: text.trim() || undefined, active: true, page: 1, page_size: 20 }),
  toRef: (row) => ({ id: row.id ?? "", code: row.code ?? "", name: row.name ?? "" }),
};

export const itemRecord = defineRecord({
  path: "/api/inventory/items",
  nounKey: "masterdata.noun.item",
  codeField: "code",
  nameField: "name",
  fields: [
    CODE,
    NAME,
    { name: "item_type", labelKey: "fields.itemType", kind: "select", required: true, options: ["raw_material", "finished_good", "service"], labels: "values.itemType" },
    { name: "unit", labelKey: "fields.unit", kind: "text", required: true, maxLength: 20 },
    { name: "valuation_method", labelKey: "fields.valuationMethod", kind: "select", options: ["moving_average", "fifo"], labels: "values.valuation", initial: "moving_average" },
    { name: "reorder_level", labelKey: "fields.reorderLevel", kind: "decimal", decimal: QUANTITY, initial: "0" },
    { name: "reorder_quantity", labelKey: "fields.reorderQuantity", kind: "decimal", decimal: QUANTITY, initial: "0" },
  ],
});

export const warehouseRecord = defineRecord({
  path: "/api/inventory/warehouses",
  nounKey: "masterdata.noun.warehouse",
  codeField: "code",
  nameField: "name",
  fields: [CODE, NAME, ADDRESS],
});

export const supplierRecord = defineRecord({
  path: "/api/procurement/suppliers",
  nounKey: "masterdata.noun.supplier",
  codeField: "code",
  nameField: "name",
  fields: [
    CODE,
    NAME,
    CONTACT,
    EMAIL,
    PHONE,
    { name: "payment_terms_days", labelKey: "fields.paymentTermsDays", kind: "integer", range: { min: 0, max: 365 }, initial: "30" },
    { name: "bank_account_name", labelKey: "masterdata.fields.bankAccountName", kind: "text", nullable: true, maxLength: 200, seenBy: BANK_DETAIL_ROLES },
    { name: "bank_iban", labelKey: "masterdata.fields.bankIban", kind: "text", nullable: true, maxLength: 34, seenBy: BANK_DETAIL_ROLES },
    { name: "bank_bic", labelKey: "masterdata.fields.bankBic", kind: "text", nullable: true, maxLength: 11, seenBy: BANK_DETAIL_ROLES },
  ],
});

export const customerRecord = defineRecord({
  path: "/api/sales/customers",
  nounKey: "masterdata.noun.customer",
  codeField: "code",
  nameField: "name",
  fields: [
    CODE,
    NAME,
    CONTACT,
    EMAIL,
    PHONE,
    ADDRESS,
    { name: "credit_limit", labelKey: "fields.creditLimit", kind: "decimal", required: true, decimal: MONEY },
    { name: "credit_rating", labelKey: "fields.creditRating", kind: "select", options: ["A", "B", "C", "D"], labels: "values.creditRating", initial: "B" },
  ],
});

export const departmentRecord = defineRecord({
  path: "/api/hr/departments",
  nounKey: "masterdata.noun.department",
  codeField: "code",
  nameField: "name",
  fields: [CODE, NAME],
});

export const employeeRecord = defineRecord({
  path: "/api/hr/employees",
  nounKey: "masterdata.noun.employee",
  codeField: "employee_no",
  nameField: "full_name",
  fields: [
    { name: "employee_no", labelKey: "masterdata.fields.employeeNo", kind: "text", required: true, createOnly: true, maxLength: 40 },
    { name: "full_name", labelKey: "masterdata.fields.fullName", kind: "text", required: true, maxLength: 200 },
    { name: "department_id", labelKey: "masterdata.fields.department", kind: "lookup", nullable: true, lookup: DEPARTMENT_LOOKUP as FieldSpec["lookup"] },
    { name: "job_title", labelKey: "masterdata.fields.jobTitle", kind: "text", nullable: true, maxLength: 200 },
    EMAIL,
    { name: "hired_on", labelKey: "masterdata.fields.hiredOn", kind: "date", nullable: true },
  ],
});

export const ACCOUNT_TYPES = ["asset", "liability", "equity", "revenue", "expense"] as const;

export const accountRecord = defineRecord({
  path: "/api/finance/accounts",
  nounKey: "masterdata.noun.account",
  codeField: "code",
  nameField: "name",
  fields: [
    CODE,
    NAME,
    { name: "account_type", labelKey: "masterdata.fields.accountType", kind: "select", required: true, createOnly: true, options: ACCOUNT_TYPES, labels: "screens.finance.accountTypes" },
  ],
});

export const workCenterRecord = defineRecord({
  path: "/api/manufacturing/work-centers",
  nounKey: "masterdata.noun.workCenter",
  codeField: "code",
  nameField: "name",
  fields: [
    CODE,
    NAME,
    { name: "capacity_hours_per_day", labelKey: "masterdata.fields.capacityHoursPerDay", kind: "decimal", required: true, decimal: QUANTITY },
  ],
});
