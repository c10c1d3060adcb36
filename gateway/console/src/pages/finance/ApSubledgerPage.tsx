/** Payables: finance's AP subledger (control account 2000), each supplier's ledger and ageing from procurement. */
import { unwrap } from "../../api/client";
import { fetchAll } from "../../api/lists";
import type { Sent } from "../../reports/types";
import { signOf } from "../../reports/values";
import { Subledger, type SubledgerConfig } from "./Subledger";

const payables: SubledgerConfig = {
  key: "ap",
  titleKey: "screens.nav.apSubledger",
  partyTitleKey: "fields.supplier",
  async fetchSubledger(api, asOf) {
    const { data } = await unwrap(api.GET("/api/finance/reports/ap-subledger", { params: { query: { as_of: asOf } } }));
    const sent = data as Sent<typeof data>;
    return {
      control_account: sent.control_account,
      control_account_balance: sent.control_account_balance,
      total: sent.total,
      parties: sent.suppliers.map((row) => ({ id: row.supplier_id, code: row.supplier_code, name: row.supplier_name, balance: row.balance })),
    };
  },
  ledgerApiPath: "/api/procurement/suppliers/{supplier_id}/ledger",
  async fetchLedger(api, supplierId, asOf) {
    const { data } = await unwrap(api.GET("/api/procurement/suppliers/{supplier_id}/ledger", { params: { path: { supplier_id: supplierId }, query: { as_of: asOf } } }));
    const sent = data as Sent<typeof data>;
    return { as_of: sent.as_of, open_balance: sent.open_balance, ageing: sent.ageing, open_items: sent.open_items, entries: sent.entries };
  },
  openItemsApiPath: "/api/procurement/supplier-invoices",
  async fetchOpenItems(api) {
    // Posted invoices are owed until paid in full (then "paid"); exceptions are not owed yet.
    const { rows, truncated } = await fetchAll(api, "/api/procurement/supplier-invoices", { status: "posted" }, { maxRows: 5000 });
    const items = (rows as Sent<(typeof rows)[number]>[])
      .filter((row) => signOf(row.open_amount) !== 0)
      .map((row) => ({ due_date: row.due_date, open_amount: row.open_amount }));
    return { items, truncated };
  },
};

export default function ApSubledgerPage() {
  return <Subledger config={payables} />;
}
