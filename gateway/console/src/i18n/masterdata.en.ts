/** English texts of the master data lists and record forms (under `masterdata.` in en.ts). */
const masterdataEn = {
  nav: {
    hr: "HR",
    manufacturing: "Manufacturing",
    departments: "Departments",
    employees: "Employees",
    accounts: "Chart of accounts",
    workCenters: "Work centers",
  },
  noun: {
    item: "Item",
    warehouse: "Warehouse",
    supplier: "Supplier",
    customer: "Customer",
    department: "Department",
    employee: "Employee",
    account: "Account",
    workCenter: "Work center",
  },
  fields: {
    employeeNo: "Employee no.",
    fullName: "Full name",
    jobTitle: "Job title",
    hiredOn: "Hired on",
    department: "Department",
    accountType: "Account type",
    capacityHoursPerDay: "Capacity (hours per day)",
    bankAccountName: "Bank account name",
    bankIban: "IBAN",
    bankBic: "BIC",
  },
  entry: {
    notAnInteger: "Enter a whole number",
    tooLong: "At most {{max}} characters",
  },
  searchEmployee: "Search number or name",
  new: "New {{noun}}",
  create: "Create",
  save: "Save",
  deactivate: "Deactivate",
  created: "{{noun}} {{code}} created.",
  saved: "{{noun}} {{code}} saved.",
  unchanged: "Nothing has changed.",
  deactivated: "{{noun}} {{code}} deactivated.",
  deactivateConfirm: "Deactivate {{noun}} {{code}}?",
  deactivateExplain: "It stays on the documents that use it but can no longer be chosen for new ones. Records are never deleted.",
};

export default masterdataEn;
export type MasterdataTexts = typeof masterdataEn;
