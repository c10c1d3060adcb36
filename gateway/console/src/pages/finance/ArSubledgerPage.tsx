/** Receivables: finance's AR subledger (control account 1100), each customer's ledger and ageing from sales. */
import { unwrap } from "../../api/client";
import { fetchAll } from "../../api/lists";
import type { Sent } from "../../reports/types";
import { Subledger, type PartyLedger, type SubledgerConfig } from "./Subledger";

const receivables: SubledgerConfig = {
  key: "ar",
  titleKey: "screens.nav.arSubledger",
  partyTitleKey: "fields.customer",
  async fetchSubledger(api, asOf) {
    const { data } = await unwrap(api.GET("/api/finance/reports/ar-subledger", { params: { query: { as_of: asOf } } }));
    const sent = data as Sent<typeof data>;
    return {
      control_account: sent.control_account,
      control_account_balance: sent.control_account_balance,
      total: sent.total,
      parties: sent.customers.map((row) => ({ id: row.customer_id, code: row.customer_code, name: row.customer_name, balance: row.balance })),
    };
  },
  ledgerApiPath: "/api/sales/customers/{customer_id}/ledger",
  async fetchLedger(api, customerId, asOf) {
    const { data } = await unwrap(api.GET("/api/sales/customers/{customer_id}/ledger", { params: { path: { customer_id: customerId }, query: { as_of: asOf } } }));
    const sent = data as Sent<typeof data>;
    const ledger: PartyLedger = {
      as_of: sent.as_of,
      open_balance: sent.open_balance,
      ageing: sent.ageing,
      open_items: sent.open_items,
      entries: sent.entries,
      facts: [{ key: "credit_limit", labelKey: "fields.creditLimit", value: sent.credit_limit }],
    };
    return ledger;
  },
  openItemsApiPath: "/api/sales/invoices",
  async fetchOpenItems(api) {
    const { rows, truncated } = await fetchAll(api, "/api/sales/invoices", { status: "open" }, { maxRows: 5000 });
    return { items: (rows as Sent<(typeof rows)[number]>[]).map((row) => ({ due_date: row.due_date, open_amount: row.open_amount })), truncated };
  },
};

export default function ArSubledgerPage() {
  return <Subledger config={receivables} />;
}
