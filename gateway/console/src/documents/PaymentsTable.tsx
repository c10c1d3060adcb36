/**
 * The payments on an order's page, supplier or customer alike: number, date, amount, the part of each
 * payment that settled this order's invoices (a payment may settle several orders), reference.
 */
import { Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useLanguage } from "../i18n/LanguageProvider";
import { formatDate } from "../lists/display";
import { Amount } from "./DocumentParts";

interface Allocation {
  invoice_id?: string;
  invoice_no?: string;
  amount?: string;
}

export interface Payment {
  id?: string;
  number?: string;
  amount?: string;
  reference?: string | null;
  allocations?: Allocation[];
}

export interface PaymentsTableProps<P extends Payment> {
  payments: P[];
  /** This order's invoices: only their allocations are shown. */
  invoiceIds: ReadonlySet<string>;
  /** More payments exist than were fetched. */
  truncated: boolean;
  /** `data-table` of the table, for tests. */
  name: string;
  date: { titleKey: string; of(payment: P): string | null | undefined };
  /** Columns after the reference (who received it). */
  extraColumns?: ColumnsType<P>;
}

export function PaymentsTable<P extends Payment>({ payments, invoiceIds, truncated, name, date, extraColumns = [] }: PaymentsTableProps<P>) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const columns: ColumnsType<P> = [
    { key: "number", title: t("fields.number"), dataIndex: "number" },
    { key: "at", title: t(date.titleKey), render: (_, payment) => formatDate(date.of(payment) ?? null, language, true) },
    { key: "amount", title: t("documents.payment.amount"), align: "right", render: (_, payment) => <Amount value={payment.amount} /> },
    {
      key: "allocations",
      title: t("documents.payment.forThisOrder"),
      render: (_, payment) =>
        (payment.allocations ?? [])
          .filter((allocation) => invoiceIds.has(allocation.invoice_id ?? ""))
          .map((allocation) => (
            <div key={allocation.invoice_id}>
              {allocation.invoice_no}: <Amount value={allocation.amount} />
            </div>
          )),
    },
    { key: "reference", title: t("documents.payment.reference"), dataIndex: "reference" },
    ...extraColumns,
  ];
  return (
    <>
      <Table<P> rowKey="id" size="small" pagination={false} dataSource={payments} data-table={name} columns={columns} />
      {truncated && <Typography.Text type="secondary">{t("documents.payment.onlyRecent")}</Typography.Text>}
    </>
  );
}
