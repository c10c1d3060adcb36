/**
 * A document's postings: finance's journal entries whose source document is one of the document's own
 * (its receipts, invoices, payments, deliveries...), each with its lines. Finance posts from events, a moment
 * after the document; while a document has no entry yet the panel asks again every few seconds, for a while.
 */
import "./documents.css";
import { ReloadOutlined } from "@ant-design/icons";
import { useQueries } from "@tanstack/react-query";
import { Button, Empty, Flex, Spin, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { fetchPage } from "../api/lists";
import { useAuth } from "../auth/AuthProvider";
import { formatAmount } from "../decimal/format";
import { ErrorNotice } from "../errors/ErrorNotice";
import { useLanguage } from "../i18n/LanguageProvider";
import { formatDate } from "../lists/display";
import { moneySum } from "./lineMath";
import type { JournalEntry } from "./types";

const POLL_MS = 3000;
const POLL_TIMES = 20;

export interface SourceDocument {
  number: string;
  /** Whether an entry is to be expected (an invoice waiting as an exception is not posted yet). */
  expectsEntry?: boolean;
}

type Line = NonNullable<JournalEntry["lines"]>[number];

function EntryTable({ entry }: { entry: JournalEntry }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const lines = entry.lines ?? [];
  const amount = (value: string | undefined) => (value && value !== "0.00" ? <span className="erp-number">{formatAmount(value, language)}</span> : "");
  return (
    <div className="erp-posting" data-entry={entry.entry_no}>
      <Typography.Text strong>{entry.entry_no}</Typography.Text>{" "}
      <Typography.Text type="secondary">
        {formatDate(entry.entry_date, language, false)} · {t(`documents.postings.kind.${entry.kind}`, { defaultValue: entry.kind })} · {entry.source_document}
      </Typography.Text>
      <div>
        <Typography.Text type="secondary">{entry.description}</Typography.Text>
      </div>
      <Table<Line>
        size="small"
        rowKey={(line) => String(line.line_no)}
        pagination={false}
        dataSource={lines}
        columns={[
          { key: "account", title: t("documents.postings.account"), dataIndex: "account_code", width: 110 },
          { key: "debit", title: t("documents.postings.debit"), align: "right", width: 140, render: (_, line) => amount(line.debit) },
          { key: "credit", title: t("documents.postings.credit"), align: "right", width: 140, render: (_, line) => amount(line.credit) },
          { key: "memo", title: t("documents.postings.memo"), dataIndex: "memo" },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0}>{t("documents.postings.total")}</Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              {amount(moneySum(lines.map((line) => line.debit ?? "0")))}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              {amount(moneySum(lines.map((line) => line.credit ?? "0")))}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} />
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

export function PostingsPanel({ documents }: { documents: SourceDocument[] }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const results = useQueries({
    queries: documents.map((document) => ({
      queryKey: ["postings", document.number],
      queryFn: () => fetchPage(api, "/api/finance/journal-entries", { source_document: document.number, page_size: 50 }),
      refetchInterval: (query: { state: { data?: { rows: unknown[] }; dataUpdateCount: number } }) =>
        document.expectsEntry !== false && query.state.data?.rows.length === 0 && query.state.dataUpdateCount < POLL_TIMES ? POLL_MS : false,
    })),
  });
  if (documents.length === 0) return <Empty description={t("documents.postings.noDocuments")} />;
  const entries = results.flatMap((result) => (result.data?.rows ?? []) as JournalEntry[]);
  const waiting = documents.filter((document, index) => document.expectsEntry !== false && results[index].data?.rows.length === 0);
  const failed = results.find((result) => result.isError);
  return (
    <Flex vertical gap="middle" data-panel="postings">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Text type="secondary">
          {t("documents.postings.intro", { count: entries.length, documents: documents.map((document) => document.number).join(", ") })}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} size="small" onClick={() => results.forEach((result) => void result.refetch())}>
          {t("list.refresh")}
        </Button>
      </Flex>
      {failed && <ErrorNotice error={failed.error} onRetry={() => void failed.refetch()} />}
      {results.some((result) => result.isLoading) && <Spin />}
      {entries.map((entry) => (
        <EntryTable key={entry.id} entry={entry} />
      ))}
      {waiting.length > 0 && (
        <Typography.Text type="secondary" data-waiting-postings={waiting.map((document) => document.number).join(" ")}>
          <Spin size="small" /> {t("documents.postings.waiting", { documents: waiting.map((document) => document.number).join(", ") })}
        </Typography.Text>
      )}
    </Flex>
  );
}
