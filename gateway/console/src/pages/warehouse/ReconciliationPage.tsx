/**
 * The stock ledger against finance's inventory account for a period: opening, movement and closing on each
 * side, the difference, and per source document that differs the reason (not posted in the GL yet, posted
 * without a stock movement, amounts differ), with links to the document's journal entries.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Card, Flex, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { paged } from "../../reports/fetch";
import { GuardedLink, to } from "../../reports/links";
import { dateParam, useReportParams } from "../../reports/params";
import type { GetAnswer } from "../../reports/types";
import { Num, PeriodInput, ReportHeader, tablePagination, useFormats } from "../../reports/ui";

const PAGE_SIZES = [50, 100, 200, 500] as const;
const REASON_KEYS: Record<string, string> = {
  "not posted in the GL yet": "notPosted",
  "posted in the GL without a stock movement": "noMovement",
  "amounts differ": "amountsDiffer",
};

type Reconciliation = GetAnswer<"/api/inventory/reconciliation/stock-to-gl">;
type Explanation = Reconciliation["explanations"][number];
type Figures = Reconciliation["ledger"];

export default function ReconciliationPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging(PAGE_SIZES);
  const period = { date_from: dateParam(params, "date_from"), date_to: dateParam(params, "date_to") };
  const report = useQuery({
    queryKey: ["stock-to-gl", period, page, pageSize],
    queryFn: () =>
      paged(api.GET("/api/inventory/reconciliation/stock-to-gl", { params: { query: { ...period, page, page_size: pageSize } } }), page, (data) => data.explanations.length),
    placeholderData: keepPreviousData,
  });
  const data = report.data?.data;
  const figureRows: { key: string; label: string; figures: Figures; signed: boolean }[] = data
    ? [
        { key: "ledger", label: t("screens.warehouse.recon.ledger"), figures: data.ledger, signed: false },
        { key: "gl", label: t("screens.warehouse.recon.gl", { account: data.account_code }), figures: data.gl, signed: false },
        { key: "difference", label: t("screens.warehouse.recon.difference"), figures: data.difference, signed: true },
      ]
    : [];
  const documentLink = (document: string) => (
    <GuardedLink to={to.journalEntries({ source_document: document })} apiPath="/api/finance/journal-entries">
      {document}
    </GuardedLink>
  );
  const columns: ColumnsType<Explanation> = [
    { key: "document", title: t("screens.warehouse.sourceDocument"), render: (_, row) => documentLink(row.source_document) },
    { key: "first_date", title: t("screens.warehouse.recon.firstDate"), render: (_, row) => formats.date(row.first_date) },
    {
      key: "reason", title: t("screens.warehouse.recon.reason"),
      render: (_, row) => <Tag color="warning">{t(`screens.warehouse.recon.reasons.${REASON_KEYS[row.reason] ?? "other"}`, { defaultValue: row.reason })}</Tag>,
    },
    { key: "ledger_value", title: t("screens.warehouse.recon.ledgerValue"), align: "right", render: (_, row) => <Num value={row.ledger_value} /> },
    { key: "gl_amount", title: t("screens.warehouse.recon.glAmount"), align: "right", render: (_, row) => <Num value={row.gl_amount} /> },
    { key: "difference", title: t("screens.warehouse.recon.difference"), align: "right", render: (_, row) => <Num value={row.difference} signed strong /> },
    {
      key: "move_types", title: t("screens.warehouse.recon.moveTypes"),
      render: (_, row) => row.move_types.map((type) => <Tag key={type}>{t(`screens.warehouse.moveType.${type}`, { defaultValue: type })}</Tag>),
    },
    { key: "entry_nos", title: t("screens.warehouse.recon.entries"), render: (_, row) => row.entry_nos.join(", ") },
    {
      key: "gl_kinds", title: t("screens.warehouse.recon.glKinds"),
      render: (_, row) => row.gl_kinds.map((kind) => <Tag key={kind}>{t(`screens.finance.kind.${kind}`, { defaultValue: kind })}</Tag>),
    },
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.reconciliation")} onRefresh={() => void report.refetch()} refreshing={report.isFetching} />
      <Space wrap>
        <PeriodInput from={period.date_from} to={period.date_to} onChange={(from, until) => set({ date_from: from, date_to: until })} />
      </Space>
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        data && (
          <>
            {data.status === "balanced" ? (
              <Alert type="success" showIcon title={t("screens.warehouse.recon.balanced", { account: data.account_code, date: formats.date(data.date_to) })} />
            ) : (
              <Alert
                type="warning"
                showIcon
                title={t("screens.warehouse.recon.differences", { count: data.explanation_count, account: data.account_code })}
                description={t("screens.warehouse.recon.differencesHelp")}
              />
            )}
            <Card size="small">
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={figureRows}
                columns={[
                  { key: "label", title: "", dataIndex: "label" },
                  ...(["opening", "movement", "closing"] as const).map((figure) => ({
                    key: figure,
                    title: t(`screens.warehouse.recon.${figure}`),
                    align: "right" as const,
                    render: (_: unknown, row: (typeof figureRows)[number]) => <Num value={row.figures[figure]} signed={row.signed} strong={figure === "closing"} />,
                  })),
                ]}
              />
            </Card>
            {data.explanation_count > 0 && (
              <Table<Explanation>
                size="middle"
                rowKey="source_document"
                columns={columns}
                dataSource={data.explanations}
                loading={report.isFetching}
                scroll={{ x: "max-content" }}
                pagination={tablePagination({ page, pageSize }, report.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }), PAGE_SIZES)}
              />
            )}
          </>
        )
      )}
    </Flex>
  );
}
