/** Revenue less the cost of goods sold, the other income and expenses, and the net result for a period. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Flex, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { unwrap } from "../../api/client";
import { useAuth } from "../../auth/AuthProvider";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { to } from "../../reports/links";
import { dateParam, useReportParams } from "../../reports/params";
import type { GetAnswer } from "../../reports/types";
import { Num, PeriodInput, ReportHeader } from "../../reports/ui";

type Statement = GetAnswer<"/api/finance/reports/income-statement">;

interface StatementRow {
  key: string;
  label: string;
  account?: string;
  amount: unknown;
  level: "line" | "subtotal" | "total";
}

export function statementRows(statement: Statement, t: (key: string) => string): StatementRow[] {
  const lines = (rows: Statement["other_income"], prefix: string): StatementRow[] =>
    rows.map((row) => ({ key: `${prefix}-${row.code}`, label: `${row.code} — ${row.name}`, account: row.code, amount: row.amount, level: "line" }));
  return [
    { key: "revenue", label: `${statement.revenue_account} — ${t("screens.finance.revenue")}`, account: statement.revenue_account, amount: statement.revenue, level: "line" },
    { key: "cogs", label: `${statement.cost_of_goods_sold_account} — ${t("screens.finance.cogs")}`, account: statement.cost_of_goods_sold_account, amount: statement.cost_of_goods_sold, level: "line" },
    { key: "gross", label: t("screens.finance.grossMargin"), amount: statement.gross_margin, level: "subtotal" },
    ...lines(statement.other_income, "income"),
    { key: "income", label: t("screens.finance.totalOtherIncome"), amount: statement.total_other_income, level: "subtotal" },
    ...lines(statement.other_expenses, "expense"),
    { key: "expenses", label: t("screens.finance.totalOtherExpenses"), amount: statement.total_other_expenses, level: "subtotal" },
    { key: "net", label: t("screens.finance.netResult"), amount: statement.net_result, level: "total" },
  ];
}

export default function IncomeStatementPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { params, set } = useReportParams();
  const period = { date_from: dateParam(params, "date_from"), date_to: dateParam(params, "date_to") };
  const report = useQuery({
    queryKey: ["income-statement", period],
    queryFn: async () => (await unwrap(api.GET("/api/finance/reports/income-statement", { params: { query: period } }))).data as Statement,
    placeholderData: keepPreviousData,
  });
  const rows = report.data ? statementRows(report.data, t) : [];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.incomeStatement")} onRefresh={() => void report.refetch()} refreshing={report.isFetching} />
      <Space wrap>
        <PeriodInput from={period.date_from} to={period.date_to} onChange={(from, until) => set({ date_from: from, date_to: until })} />
      </Space>
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Card size="small" style={{ maxWidth: 760 }}>
          <Table<StatementRow>
            size="small"
            rowKey="key"
            showHeader={false}
            pagination={false}
            loading={report.isFetching}
            dataSource={rows}
            columns={[
              {
                key: "label",
                render: (_, row) =>
                  row.account ? (
                    <Link to={to.journalEntries({ account_code: row.account, ...period })}>{row.label}</Link>
                  ) : (
                    <Typography.Text strong>{row.label}</Typography.Text>
                  ),
              },
              { key: "amount", align: "right", render: (_, row) => <Num value={row.amount} strong={row.level !== "line"} signed={row.level === "total"} /> },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
