/**
 * A subledger (payables or receivables) as finance holds it: each party's balance on the control account and
 * whether they add up to it; a party opens into the owning service's ledger of it (entries, open items,
 * ageing), and today's ageing of every open invoice is shown above.
 */
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Descriptions, Empty, Flex, Row, Space, Statistic, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ErpClient } from "../../api/client";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { isZero, subtract, toDecimalString } from "../../decimal/decimal";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { AGEING_BUCKETS, ageOpenItems, todayUtc, type Ageing, type OpenItem } from "../../reports/ageing";
import { dateParam, useReportParams } from "../../reports/params";
import { DateInput, Num, ReportHeader, useFormats } from "../../reports/ui";
import { decimalOf } from "../../reports/values";

export interface PartyBalance {
  id: string;
  code: string | null;
  name: string | null;
  balance: unknown;
}

export interface SubledgerData {
  control_account: string;
  control_account_balance: unknown;
  total: unknown;
  parties: PartyBalance[];
}

export interface PartyLedger {
  as_of: string;
  open_balance: unknown;
  ageing: Record<string, unknown>;
  open_items: { invoice_id: string; number: string; due_date: string; days_overdue: number; open_amount: unknown }[];
  entries: { document_id: string; date: string; kind: string; number: string; reference: string | null; due_date: string | null; amount: unknown; balance: unknown }[];
  facts?: { key: string; labelKey: string; value: unknown }[];
}

export interface SubledgerConfig {
  key: string;
  titleKey: string;
  partyTitleKey: string;
  fetchSubledger(api: ErpClient, asOf: string | undefined): Promise<SubledgerData>;
  ledgerApiPath: string;
  fetchLedger(api: ErpClient, partyId: string, asOf: string | undefined): Promise<PartyLedger>;
  openItemsApiPath: string;
  fetchOpenItems(api: ErpClient): Promise<{ items: OpenItem[]; truncated: boolean }>;
}

export function AgeingCards({ ageing, total }: { ageing: Ageing | Record<string, unknown>; total?: unknown }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <Row gutter={[12, 12]}>
      {AGEING_BUCKETS.map((bucket) => (
        <Col key={bucket} xs={12} sm={8} lg={4}>
          <Statistic title={t(`screens.finance.ageing.${bucket}`)} value={formats.amount(ageing[bucket] ?? "0.00")} />
        </Col>
      ))}
      {total !== undefined && (
        <Col xs={12} sm={8} lg={4}>
          <Statistic title={t("screens.report.total")} value={formats.amount(total)} />
        </Col>
      )}
    </Row>
  );
}

function PartyLedgerView({ config, partyId, asOf }: { config: SubledgerConfig; partyId: string; asOf: string | undefined }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const ledger = useQuery({ queryKey: [config.key, "ledger", partyId, asOf], queryFn: () => config.fetchLedger(api, partyId, asOf) });
  if (ledger.isError) return <ErrorNotice error={ledger.error} onRetry={() => void ledger.refetch()} />;
  const data = ledger.data;
  if (!data) return <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>;
  type Entry = PartyLedger["entries"][number];
  type Item = PartyLedger["open_items"][number];
  const entryColumns: ColumnsType<Entry> = [
    { key: "date", title: t("screens.finance.entryDate"), render: (_, row) => formats.date(row.date) },
    { key: "kind", title: t("screens.finance.kindTitle"), render: (_, row) => t(`screens.finance.ledgerKind.${row.kind}`, { defaultValue: row.kind }) },
    { key: "number", title: t("fields.number"), dataIndex: "number" },
    { key: "reference", title: t("screens.finance.reference"), render: (_, row) => row.reference ?? "" },
    { key: "due", title: t("screens.finance.dueDate"), render: (_, row) => formats.date(row.due_date) },
    { key: "amount", title: t("screens.finance.amount"), align: "right", render: (_, row) => <Num value={row.amount} /> },
    { key: "balance", title: t("screens.finance.balance"), align: "right", render: (_, row) => <Num value={row.balance} strong /> },
  ];
  const itemColumns: ColumnsType<Item> = [
    { key: "number", title: t("fields.number"), dataIndex: "number" },
    { key: "due", title: t("screens.finance.dueDate"), render: (_, row) => formats.date(row.due_date) },
    { key: "days", title: t("screens.finance.daysOverdue"), align: "right", dataIndex: "days_overdue" },
    { key: "open", title: t("screens.finance.openAmount"), align: "right", render: (_, row) => <Num value={row.open_amount} /> },
  ];
  return (
    <Flex vertical gap="middle" style={{ padding: "8px 0" }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          { key: "as_of", label: t("screens.report.asOf"), children: formats.date(data.as_of) },
          { key: "open", label: t("screens.finance.openBalance"), children: <Num value={data.open_balance} strong /> },
          ...(data.facts ?? []).map((fact) => ({ key: fact.key, label: t(fact.labelKey), children: <Num value={fact.value} /> })),
        ]}
      />
      <AgeingCards ageing={data.ageing} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={9}>
          <Typography.Title level={5}>{t("screens.finance.openItems")}</Typography.Title>
          <Table<Item> size="small" rowKey="invoice_id" columns={itemColumns} dataSource={data.open_items} pagination={{ defaultPageSize: 10, hideOnSinglePage: true }} />
        </Col>
        <Col xs={24} xl={15}>
          <Typography.Title level={5}>{t("screens.finance.ledgerEntries")}</Typography.Title>
          <Table<Entry>
            size="small"
            rowKey={(row) => `${row.kind}/${row.document_id}`}
            columns={entryColumns}
            dataSource={data.entries}
            pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: "max-content" }}
          />
        </Col>
      </Row>
    </Flex>
  );
}

function OpenItemsAgeing({ config }: { config: SubledgerConfig }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const today = todayUtc();
  const open = useQuery({ queryKey: [config.key, "open-items"], queryFn: () => config.fetchOpenItems(api), staleTime: 60_000 });
  let body: ReactNode;
  if (open.isError) body = <ErrorNotice error={open.error} onRetry={() => void open.refetch()} />;
  else if (!open.data) body = <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>;
  else {
    const { buckets, total } = ageOpenItems(open.data.items, today);
    body = (
      <Flex vertical gap="small">
        <AgeingCards ageing={buckets} total={total} />
        {open.data.truncated && <Alert type="warning" showIcon title={t("screens.finance.ageingTruncated", { count: open.data.items.length })} />}
      </Flex>
    );
  }
  return (
    <Card size="small" title={t("screens.finance.ageingToday")}>
      {body}
    </Card>
  );
}

export function Subledger({ config }: { config: SubledgerConfig }) {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const { params, set } = useReportParams();
  const asOf = dateParam(params, "as_of");
  const party = params.get("party") ?? undefined;
  const report = useQuery({ queryKey: [config.key, "subledger", asOf], queryFn: () => config.fetchSubledger(api, asOf) });
  const data = report.data;
  const canOpenLedger = isAllowed(roles, "GET", config.ledgerApiPath);
  const difference = data ? toDecimalString(subtract(decimalOf(data.control_account_balance), decimalOf(data.total))) : "0";
  const columns: ColumnsType<PartyBalance> = [
    { key: "code", title: t("fields.code"), render: (_, row) => row.code ?? "" },
    { key: "name", title: t(config.partyTitleKey), render: (_, row) => row.name ?? row.id },
    { key: "balance", title: t("screens.finance.balance"), align: "right", render: (_, row) => <Num value={row.balance} strong /> },
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t(config.titleKey)} onRefresh={() => void report.refetch()} refreshing={report.isFetching} />
      <Space wrap>
        <DateInput value={asOf} onChange={(value) => set({ as_of: value })} placeholder={t("screens.report.asOfNow")} />
      </Space>
      {!asOf && isAllowed(roles, "GET", config.openItemsApiPath) && <OpenItemsAgeing config={config} />}
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : data ? (
        <>
          <Card size="small">
            <Descriptions
              size="small"
              column={{ xs: 1, sm: 3 }}
              items={[
                { key: "control", label: t("screens.finance.controlAccount", { account: data.control_account }), children: <Num value={data.control_account_balance} strong /> },
                { key: "total", label: t("screens.finance.subledgerTotal"), children: <Num value={data.total} strong /> },
                { key: "difference", label: t("screens.finance.difference"), children: <Num value={difference} signed strong /> },
              ]}
            />
            {!isZero(difference) && <Alert type="warning" showIcon title={t("screens.finance.subledgerDiffers")} />}
          </Card>
          <Table<PartyBalance>
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={data.parties}
            pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty description={t("screens.finance.nothingOwed")} /> }}
            expandable={
              canOpenLedger
                ? {
                    defaultExpandedRowKeys: party ? [party] : [],
                    expandedRowRender: (row) => <PartyLedgerView config={config} partyId={row.id} asOf={asOf} />,
                  }
                : undefined
            }
          />
        </>
      ) : (
        <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>
      )}
    </Flex>
  );
}
