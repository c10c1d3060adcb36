/** The HR, finance and manufacturing master lists, each as its API serves it (filters are the endpoint's own query parameters). */
import { defineList } from "../lists/definition";
import { accountRecord, ACCOUNT_TYPES, departmentRecord, employeeRecord, workCenterRecord } from "./records";

const SEARCH = { name: "q", kind: "search", placeholderKey: "list.search" } as const;
const ACTIVE = { name: "active", kind: "boolean", labelKey: "fields.active" } as const;

export const departments = defineList({
  key: "departments",
  titleKey: "masterdata.nav.departments",
  path: "/api/hr/departments",
  columns: [
    { key: "code", titleKey: "fields.code" },
    { key: "name", titleKey: "fields.name" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [SEARCH, ACTIVE],
  record: departmentRecord,
});

/** `department_id` is a filter of the API too, but an id is nothing to type: the list searches by number or name. */
export const employees = defineList({
  key: "employees",
  titleKey: "masterdata.nav.employees",
  path: "/api/hr/employees",
  columns: [
    { key: "employee_no", titleKey: "masterdata.fields.employeeNo" },
    { key: "full_name", titleKey: "masterdata.fields.fullName" },
    { key: "job_title", titleKey: "masterdata.fields.jobTitle" },
    { key: "email", titleKey: "fields.email" },
    { key: "hired_on", titleKey: "masterdata.fields.hiredOn", kind: "date" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [{ ...SEARCH, placeholderKey: "masterdata.searchEmployee" }, ACTIVE],
  record: employeeRecord,
});

export const accounts = defineList({
  key: "accounts",
  titleKey: "masterdata.nav.accounts",
  path: "/api/finance/accounts",
  columns: [
    { key: "code", titleKey: "fields.code" },
    { key: "name", titleKey: "fields.name" },
    { key: "account_type", titleKey: "masterdata.fields.accountType", kind: "enum", labels: "screens.finance.accountTypes" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [
    SEARCH,
    { name: "account_type", kind: "select", labelKey: "masterdata.fields.accountType", options: ACCOUNT_TYPES, labels: "screens.finance.accountTypes" },
    ACTIVE,
  ],
  record: accountRecord,
});

export const workCenters = defineList({
  key: "work-centers",
  titleKey: "masterdata.nav.workCenters",
  path: "/api/manufacturing/work-centers",
  columns: [
    { key: "code", titleKey: "fields.code" },
    { key: "name", titleKey: "fields.name" },
    { key: "capacity_hours_per_day", titleKey: "masterdata.fields.capacityHoursPerDay", kind: "quantity" },
    { key: "active", titleKey: "fields.active", kind: "active" },
  ],
  filters: [SEARCH, ACTIVE],
  record: workCenterRecord,
});
