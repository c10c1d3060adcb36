/** One journal entry: its lines with the accounts' names, and where it came from (the source document and what it names). */
import { useQuery } from "@tanstack/react-query";
import { Card, Descriptions, Flex, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { unwrap } from "../../api/client";
import { fetchAll } from "../../api/lists";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { GuardedLink, query, to } from "../../reports/links";
import { ReportHeader, useFormats } from "../../reports/ui";
import type { Sent } from "../../reports/types";
import { EntryLines, type Entry } from "./JournalEntriesPage";
import { relatedDocuments, type Related } from "./sourceDocuments";

const LONG = 5 * 60_000;

/** The sales order of a customer invoice, looked up among the customer's invoices (finance knows only the number). */
function SalesOrderOfInvoice({ number, customerId }: { number: string; customerId: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const order = useQuery({
    queryKey: ["invoice-order", customerId, number],
    queryFn: async () => {
      const { rows } = await fetchAll(api, "/api/sales/invoices", { customer_id: customerId }, { maxRows: 5000 });
      return (rows as Sent<(typeof rows)[number]>[]).find((invoice) => invoice.number === number)?.order_number ?? null;
    },
    staleTime: LONG,
  });
  if (order.isLoading) return <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>;
  if (!order.data) return <Typography.Text type="secondary">{t("screens.finance.orderNotFound")}</Typography.Text>;
  return (
    <GuardedLink to={to.salesOrders(order.data)} apiPath="/api/sales/sales-orders">
      {t("screens.finance.salesOrder", { number: order.data })}
    </GuardedLink>
  );
}

/** The count sheet an adjustment came from, looked up among the posted counts by its number. */
function CountSheetLink({ number }: { number: string }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const sheet = useQuery({
    queryKey: ["count-by-number", number],
    queryFn: async () => {
      const { rows } = await fetchAll(api, "/api/inventory/cycle-counts", { status: "posted" }, { maxRows: 5000 });
      return rows.find((row) => row.number === number)?.id ?? null;
    },
    staleTime: LONG,
  });
  if (!sheet.data) return <span>{t("screens.finance.countSheet", { number })}</span>;
  return <Link to={to.cycleCount(sheet.data)}>{t("screens.finance.countSheet", { number })}</Link>;
}

function RelatedLink({ related }: { related: Related }) {
  const { t } = useTranslation();
  const { roles } = useAuth();
  switch (related.kind) {
    case "entries":
      return <Link to={to.journalEntries({ source_document: related.sourceDocument })}>{t("screens.finance.allEntriesOf", { document: related.sourceDocument })}</Link>;
    case "purchaseOrder":
      return (
        <GuardedLink to={to.purchaseOrders(related.number)} apiPath="/api/procurement/purchase-orders">
          {t("screens.finance.purchaseOrder", { number: related.number })}
        </GuardedLink>
      );
    case "customerInvoice":
      return isAllowed(roles, "GET", "/api/sales/invoices") ? <SalesOrderOfInvoice number={related.number} customerId={related.customerId} /> : null;
    case "cycleCount":
      return isAllowed(roles, "GET", "/api/inventory/cycle-counts") ? <CountSheetLink number={related.number} /> : null;
    case "customerLedger":
      return (
        <GuardedLink to={`/finance/ar-subledger${query({ party: related.customerId })}`} apiPath="/api/finance/reports/ar-subledger">
          {t("screens.finance.customerLedger")}
        </GuardedLink>
      );
    case "supplierLedger":
      return (
        <GuardedLink to={`/finance/ap-subledger${query({ party: related.supplierId })}`} apiPath="/api/finance/reports/ap-subledger">
          {t("screens.finance.supplierLedger")}
        </GuardedLink>
      );
  }
}

export default function JournalEntryPage() {
  const { entryId = "" } = useParams();
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const entry = useQuery({
    queryKey: ["journal-entry", entryId],
    queryFn: async () => (await unwrap(api.GET("/api/finance/journal-entries/{entry_id}", { params: { path: { entry_id: entryId } } }))).data as Entry,
  });
  const accounts = useQuery({
    queryKey: ["pick", "accounts", undefined],
    queryFn: () => fetchAll(api, "/api/finance/accounts", {}, { maxRows: 2000 }),
    staleTime: LONG,
  });
  if (entry.isError) return <ErrorNotice error={entry.error} onRetry={() => void entry.refetch()} />;
  const data = entry.data;
  if (!data) return <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>;
  const accountNames = new Map((accounts.data?.rows ?? []).map((account) => [account.code ?? "", account.name ?? ""]));
  const items: { key: string; label: string; children: ReactNode }[] = [
    { key: "date", label: t("screens.finance.entryDate"), children: formats.date(data.entry_date) },
    { key: "kind", label: t("screens.finance.kindTitle"), children: <Tag>{t(`screens.finance.kind.${data.kind}`, { defaultValue: data.kind })}</Tag> },
    { key: "document", label: t("screens.warehouse.sourceDocument"), children: data.source_document },
    { key: "posted", label: t("screens.finance.postedAt"), children: formats.dateTime(data.posted_at) },
    { key: "description", label: t("screens.finance.description"), children: data.description },
    { key: "event", label: t("screens.finance.sourceEvent"), children: <Typography.Text code>{data.source_type}</Typography.Text> },
    { key: "correlation", label: t("screens.finance.correlation"), children: <Typography.Text copyable>{data.correlation_id}</Typography.Text> },
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.finance.entryTitle", { number: data.entry_no })} extra={<Link to="..">{t("screens.finance.backToJournal")}</Link>} />
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      </Card>
      <Card size="small" title={t("screens.finance.lines")}>
        <EntryLines entry={data} accountNames={accountNames} />
      </Card>
      <Card size="small" title={t("screens.finance.related")}>
        <Flex vertical gap="small">
          {relatedDocuments(data).map((related) => (
            <RelatedLink key={JSON.stringify(related)} related={related} />
          ))}
        </Flex>
      </Card>
    </Flex>
  );
}
