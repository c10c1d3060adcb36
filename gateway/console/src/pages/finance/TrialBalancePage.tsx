/** Every account's debits, credits and balance up to a day, with the totals that must agree. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Alert, Flex, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { unwrap } from "../../api/client";
import { useAuth } from "../../auth/AuthProvider";
import { compare } from "../../decimal/decimal";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { to } from "../../reports/links";
import { dateParam, useReportParams } from "../../reports/params";
import type { GetAnswer } from "../../reports/types";
import { DateInput, Num, ReportHeader } from "../../reports/ui";
import { decimalOf } from "../../reports/values";
import { Link } from "react-router";

type TrialBalance = GetAnswer<"/api/finance/reports/trial-balance">;
type Account = TrialBalance["accounts"][number];

export default function TrialBalancePage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { params, set } = useReportParams();
  const asOf = dateParam(params, "as_of");
  const report = useQuery({
    queryKey: ["trial-balance", asOf],
    queryFn: async () => (await unwrap(api.GET("/api/finance/reports/trial-balance", { params: { query: { as_of: asOf } } }))).data as TrialBalance,
    placeholderData: keepPreviousData,
  });
  const data = report.data;
  const columns: ColumnsType<Account> = [
    { key: "code", title: t("fields.code"), render: (_, account) => <Link to={to.journalEntries({ account_code: account.code, date_to: asOf })}>{account.code}</Link> },
    { key: "name", title: t("fields.name"), dataIndex: "name" },
    { key: "type", title: t("screens.finance.accountType"), render: (_, account) => t(`screens.finance.accountTypes.${account.account_type}`, { defaultValue: account.account_type }) },
    { key: "debit", title: t("screens.finance.debit"), align: "right", render: (_, account) => <Num value={account.debit} /> },
    { key: "credit", title: t("screens.finance.credit"), align: "right", render: (_, account) => <Num value={account.credit} /> },
    { key: "balance", title: t("screens.finance.balance"), align: "right", render: (_, account) => <Num value={account.balance} strong /> },
  ];
  const balanced = data ? compare(decimalOf(data.total_debit), decimalOf(data.total_credit)) === 0 : true;
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.trialBalance")} onRefresh={() => void report.refetch()} refreshing={report.isFetching} />
      <Space wrap>
        <DateInput value={asOf} onChange={(value) => set({ as_of: value })} placeholder={t("screens.report.asOfNow")} />
      </Space>
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          {data && !balanced && <Alert type="error" showIcon title={t("screens.finance.unbalanced")} />}
          <Typography.Text type="secondary">{t("screens.finance.balanceHelp")}</Typography.Text>
          <Table<Account>
            size="middle"
            rowKey="code"
            columns={columns}
            dataSource={data?.accounts ?? []}
            loading={report.isFetching}
            pagination={false}
            scroll={{ x: "max-content" }}
            summary={() =>
              data && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <Typography.Text strong>{t("screens.report.total")}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <Num value={data.total_debit} strong />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    <Num value={data.total_credit} strong />
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} />
                </Table.Summary.Row>
              )
            }
          />
        </>
      )}
    </Flex>
  );
}
