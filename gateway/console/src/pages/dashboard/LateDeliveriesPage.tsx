/** Purchase order lines past their expected date and still open, and the receipts that came in late. */
import { useQuery } from "@tanstack/react-query";
import { Card, Flex, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { unwrap } from "../../api/client";
import { useAuth } from "../../auth/AuthProvider";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { GuardedLink, to } from "../../reports/links";
import { dateParam, useReportParams } from "../../reports/params";
import type { GetAnswer } from "../../reports/types";
import { DateInput, Num, ReportHeader, useFormats } from "../../reports/ui";

type Report = GetAnswer<"/api/procurement/reports/late-deliveries">;
type OpenLine = Report["open_lines"][number];
type LateReceipt = Report["late_receipts"][number];

function PoLink({ number }: { number: string }) {
  return (
    <GuardedLink to={to.purchaseOrders(number)} apiPath="/api/procurement/purchase-orders">
      {number}
    </GuardedLink>
  );
}

export default function LateDeliveriesPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const { params, set } = useReportParams();
  const since = dateParam(params, "received_since");
  const report = useQuery({
    queryKey: ["late-deliveries", since],
    queryFn: async () => (await unwrap(api.GET("/api/procurement/reports/late-deliveries", { params: { query: { received_since: since } } }))).data as Report,
  });
  const item = (row: { item_code: string | null; item_name: string | null; item_id: string }) => [row.item_code, row.item_name].filter(Boolean).join(" — ") || row.item_id;
  const openColumns: ColumnsType<OpenLine> = [
    { key: "po", title: t("screens.finance.poNumber"), render: (_, row) => <PoLink number={row.po_number} /> },
    { key: "line", title: "#", dataIndex: "line_no" },
    { key: "supplier", title: t("fields.supplier"), dataIndex: "supplier_name" },
    { key: "item", title: t("screens.report.item"), render: (_, row) => item(row) },
    { key: "expected", title: t("screens.dashboard.expectedDate"), render: (_, row) => formats.date(row.expected_date) },
    { key: "days", title: t("screens.dashboard.daysOverdue"), align: "right", render: (_, row) => <Tag color="error">{row.days_overdue}</Tag> },
    { key: "ordered", title: t("screens.dashboard.ordered"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity} /> },
    { key: "accepted", title: t("screens.dashboard.accepted"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity_accepted} /> },
    { key: "open", title: t("screens.dashboard.openQuantity"), align: "right", render: (_, row) => <Num kind="quantity" value={row.open_quantity} strong /> },
    { key: "status", title: t("fields.status"), render: (_, row) => t(`status.purchaseOrder.${row.status}`, { defaultValue: row.status }) },
  ];
  const lateColumns: ColumnsType<LateReceipt> = [
    { key: "receipt", title: t("screens.warehouse.receipt"), dataIndex: "receipt_no" },
    { key: "po", title: t("screens.finance.poNumber"), render: (_, row) => <PoLink number={row.po_number} /> },
    { key: "supplier", title: t("fields.supplier"), dataIndex: "supplier_name" },
    { key: "item", title: t("screens.report.item"), render: (_, row) => item(row) },
    { key: "expected", title: t("screens.dashboard.expectedDate"), render: (_, row) => formats.date(row.expected_date) },
    { key: "received", title: t("screens.warehouse.receivedAt"), render: (_, row) => formats.dateTime(row.received_at) },
    { key: "days", title: t("screens.dashboard.daysLate"), align: "right", render: (_, row) => <Tag color="warning">{row.days_late}</Tag> },
    { key: "received_qty", title: t("screens.dashboard.received"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity_received} /> },
    { key: "accepted", title: t("screens.dashboard.accepted"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity_accepted} /> },
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.lateDeliveries")} onRefresh={() => void report.refetch()} refreshing={report.isFetching} />
      <Space wrap>
        <DateInput value={since} onChange={(value) => set({ received_since: value })} placeholder={t("screens.dashboard.receivedSince")} />
      </Space>
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <Card size="small" title={t("screens.dashboard.overdueLines", { count: report.data?.open_lines.length ?? 0 })}>
            <Table<OpenLine> size="small" rowKey="po_line_id" columns={openColumns} dataSource={report.data?.open_lines ?? []} loading={report.isFetching} scroll={{ x: "max-content" }} pagination={{ defaultPageSize: 20, hideOnSinglePage: true }} />
          </Card>
          <Card size="small" title={t("screens.dashboard.lateReceipts", { count: report.data?.late_receipts.length ?? 0 })}>
            <Table<LateReceipt>
              size="small"
              rowKey={(row) => `${row.receipt_id}/${row.po_line_id}`}
              columns={lateColumns}
              dataSource={report.data?.late_receipts ?? []}
              loading={report.isFetching}
              scroll={{ x: "max-content" }}
              pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
            />
          </Card>
        </>
      )}
    </Flex>
  );
}
