/** The journal: entries filtered by period, kind, account and source document; each opens at /finance/journal-entries/:id. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Flex, Input, Select, Space, Table, Tag } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { SorterResult } from "antd/es/table/interface";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { columnSortOrder, readSort } from "../../lists/urlState";
import { to } from "../../reports/links";
import { dateParam, useReportParams } from "../../reports/params";
import { AccountSelect } from "../../reports/pickers";
import { fetchSentPage, type GetAnswer } from "../../reports/types";
import { Num, PeriodInput, ReportHeader, tablePagination, useFormats } from "../../reports/ui";
import { total } from "../../reports/values";
import { NotFoundPage } from "../StatusPages";
import JournalEntryPage from "./JournalEntryPage";
import { ENTRY_KINDS } from "./sourceDocuments";

export type Entry = GetAnswer<"/api/finance/journal-entries">[number];
type Line = Entry["lines"][number];

export function EntryLines({ entry, accountNames }: { entry: Entry; accountNames?: Map<string, string> }) {
  const { t } = useTranslation();
  const columns: ColumnsType<Line> = [
    { key: "line_no", title: "#", dataIndex: "line_no", width: 56 },
    {
      key: "account", title: t("screens.finance.account"),
      render: (_, line) => [line.account_code, accountNames?.get(line.account_code)].filter(Boolean).join(" — "),
    },
    { key: "memo", title: t("screens.finance.memo"), render: (_, line) => line.memo ?? "" },
    { key: "debit", title: t("screens.finance.debit"), align: "right", render: (_, line) => <Num value={line.debit} /> },
    { key: "credit", title: t("screens.finance.credit"), align: "right", render: (_, line) => <Num value={line.credit} /> },
  ];
  return (
    <Table<Line>
      size="small"
      rowKey="line_no"
      columns={columns}
      dataSource={entry.lines}
      pagination={false}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={3}>
            {t("screens.report.total")}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right">
            <Num value={total(entry.lines.map((line) => line.debit))} strong />
          </Table.Summary.Cell>
          <Table.Summary.Cell index={4} align="right">
            <Num value={total(entry.lines.map((line) => line.credit))} strong />
          </Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/** The keys the journal entries endpoint sorts by that are columns here (posted_at is not shown). */
const SORTABLE = ["entry_no", "entry_date", "kind", "source_document"] as const;

function EntryList() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const filters = {
    date_from: dateParam(params, "date_from"),
    date_to: dateParam(params, "date_to"),
    kind: ENTRY_KINDS.find((kind) => kind === params.get("kind")),
    account_code: params.get("account_code") || undefined,
    source_document: params.get("source_document") || undefined,
    sort: readSort(params.get("sort"), SORTABLE) || undefined,
  };
  const sorted = (key: (typeof SORTABLE)[number]) => ({ sorter: true, sortOrder: columnSortOrder(filters.sort ?? "", key) });
  const entries = useQuery({
    queryKey: ["journal-entries", filters, page, pageSize],
    queryFn: () => fetchSentPage(api, "/api/finance/journal-entries", { ...filters, page, page_size: pageSize }),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<Entry> = [
    { key: "entry_no", title: t("screens.finance.entryNo"), ...sorted("entry_no"), render: (_, entry) => <Link to={entry.id}>{entry.entry_no}</Link> },
    { key: "entry_date", title: t("screens.finance.entryDate"), ...sorted("entry_date"), render: (_, entry) => formats.date(entry.entry_date) },
    { key: "kind", title: t("screens.finance.kindTitle"), ...sorted("kind"), render: (_, entry) => <Tag>{t(`screens.finance.kind.${entry.kind}`, { defaultValue: entry.kind })}</Tag> },
    {
      key: "source_document", title: t("screens.warehouse.sourceDocument"), ...sorted("source_document"),
      render: (_, entry) => <Link to={to.journalEntries({ source_document: entry.source_document })}>{entry.source_document}</Link>,
    },
    { key: "description", title: t("screens.finance.description"), dataIndex: "description" },
    { key: "amount", title: t("screens.finance.amount"), align: "right", render: (_, entry) => <Num value={total(entry.lines.map((line) => line.debit))} /> },
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.journalEntries")} onRefresh={() => void entries.refetch()} refreshing={entries.isFetching} />
      <Space wrap>
        <PeriodInput from={filters.date_from} to={filters.date_to} onChange={(from, until) => set({ date_from: from, date_to: until })} />
        <Select
          allowClear
          value={filters.kind}
          placeholder={t("screens.finance.kindTitle")}
          aria-label={t("screens.finance.kindTitle")}
          onChange={(value) => set({ kind: value })}
          options={ENTRY_KINDS.map((kind) => ({ value: kind, label: t(`screens.finance.kind.${kind}`) }))}
          style={{ minWidth: 180 }}
        />
        <AccountSelect value={filters.account_code} onChange={(value) => set({ account_code: value })} />
        <Input.Search
          key={filters.source_document ?? ""}
          allowClear
          defaultValue={filters.source_document}
          placeholder={t("screens.warehouse.sourceDocument")}
          onSearch={(text) => set({ source_document: text.trim() || undefined })}
          style={{ width: 220 }}
        />
      </Space>
      {entries.isError ? (
        <ErrorNotice error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <Table<Entry>
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={entries.data?.rows ?? []}
          loading={entries.isFetching}
          scroll={{ x: "max-content" }}
          expandable={{ expandedRowRender: (entry) => <EntryLines entry={entry} /> }}
          onChange={(_pagination, _filters, sorter: SorterResult<Entry> | SorterResult<Entry>[], extra) => {
            if (extra.action !== "sort") return; // paging goes through tablePagination
            const { columnKey, order } = Array.isArray(sorter) ? sorter[0] : sorter;
            set({ sort: order && columnKey ? `${order === "descend" ? "-" : ""}${String(columnKey)}` : undefined }); // from page 1
          }}
          pagination={tablePagination({ page, pageSize }, entries.data?.pagination.total ?? 0, set, (count) => t("list.total", { total: count }))}
        />
      )}
    </Flex>
  );
}

export default function JournalEntriesPage() {
  return (
    <Routes>
      <Route index element={<EntryList />} />
      <Route path=":entryId" element={<JournalEntryPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
