/**
 * The warehouse, finance, procurement-report and operations pages: menu entry, the GET each cannot work
 * without (so the menu follows the caller's roles), and its code, loaded when the page is first opened.
 */
import { lazy, type ComponentType } from "react";
import type { ListPage, ScreenPage } from "../layout/navigation";
import { accounts } from "../masterdata/resources";
import { supplierInvoices } from "./finance/lists";
import { requisitions, transfers } from "./warehouse/lists";

type Loader = () => Promise<{ default: ComponentType }>;

function screen(path: string, titleKey: string, apiPath: string, load: Loader): ScreenPage {
  return { path, titleKey, apiPath, screen: lazy(load) };
}

export const WAREHOUSE_PAGES: (ScreenPage | ListPage)[] = [
  screen("/inventory/stock", "screens.nav.stock", "/api/inventory/stock", () => import("./warehouse/StockPage")),
  screen("/inventory/movements", "screens.nav.movements", "/api/inventory/reports/movements", () => import("./warehouse/MovementsPage")),
  screen("/inventory/below-reorder", "screens.nav.belowReorder", "/api/inventory/reports/below-reorder", () => import("./warehouse/BelowReorderPage")),
  screen("/inventory/ageing", "screens.nav.ageing", "/api/inventory/reports/stock-ageing", () => import("./warehouse/AgeingPage")),
  screen("/inventory/cycle-counts", "screens.nav.cycleCounts", "/api/inventory/cycle-counts", () => import("./warehouse/CycleCountsPage")),
  screen("/inventory/batch-trace", "screens.nav.batchTrace", "/api/inventory/batches", () => import("./warehouse/BatchTracePage")),
  screen("/inventory/reconciliation", "screens.nav.reconciliation", "/api/inventory/reconciliation/stock-to-gl", () => import("./warehouse/ReconciliationPage")),
  { path: "/inventory/requisitions", resource: requisitions },
  { path: "/inventory/transfers", resource: transfers },
];

export const PROCUREMENT_REPORT_PAGES: ScreenPage[] = [
  screen("/procurement/late-deliveries", "screens.nav.lateDeliveries", "/api/procurement/reports/late-deliveries", () => import("./dashboard/LateDeliveriesPage")),
];

export const FINANCE_PAGES: (ScreenPage | ListPage)[] = [
  screen("/finance/journal-entries", "screens.nav.journalEntries", "/api/finance/journal-entries", () => import("./finance/JournalEntriesPage")),
  screen("/finance/trial-balance", "screens.nav.trialBalance", "/api/finance/reports/trial-balance", () => import("./finance/TrialBalancePage")),
  screen("/finance/income-statement", "screens.nav.incomeStatement", "/api/finance/reports/income-statement", () => import("./finance/IncomeStatementPage")),
  screen("/finance/ap-subledger", "screens.nav.apSubledger", "/api/finance/reports/ap-subledger", () => import("./finance/ApSubledgerPage")),
  screen("/finance/ar-subledger", "screens.nav.arSubledger", "/api/finance/reports/ar-subledger", () => import("./finance/ArSubledgerPage")),
  { path: "/finance/supplier-invoices", resource: supplierInvoices },
  { path: "/finance/accounts", resource: accounts },
  screen("/finance/expense-accounts", "screens.nav.expenseAccounts", "/api/finance/settings/department-expense-accounts", () => import("./finance/ExpenseAccountsPage")),
];

export const OPERATIONS_PAGES: ScreenPage[] = [
  screen("/admin/operations", "screens.nav.operations", "/api/inventory/admin/dead-letters", () => import("./operations/OperationsPage")),
];
