/**
 * One count sheet. While counting it is blind: the counter types what is on the shelf, saves as often as
 * needed and submits; book quantities, variances and their value appear only after submission (the API does
 * not send them before). A submitted sheet is reviewed and posted by someone who did not count.
 */
import { CheckOutlined, SaveOutlined, SendOutlined } from "@ant-design/icons";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, App, Badge, Button, Card, Descriptions, Flex, Input, Progress, Space, Switch, Table, Tooltip, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { formatDecimal } from "../../decimal/format";
import { describeError, ErrorNotice } from "../../errors/ErrorNotice";
import { GuardedLink, to } from "../../reports/links";
import { Num, ReportHeader, useFormats } from "../../reports/ui";
import {
  changedLines, counters, countedSoFar, errorsByLine, quantityProblem, shownCount, shownUnitCost, unitCostProblem, varianceTotals,
  type CountedLineIn, type CountLine, type CountSheet, type Entries,
} from "./countSheet";
import { COUNT_STATUS_BADGES, scopeText } from "./CycleCountsPage";

/** Quantities travel as exact strings; the OpenAPI document types them as numbers (docs/console.md). */
function asSentDecimals(lines: CountedLineIn[]) {
  return lines as unknown as { line_id: string; counted_quantity: number; unit_cost?: number | null }[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function itemCell(line: CountLine) {
  return (
    <Flex vertical>
      <span>{`${line.item_code} — ${line.item_name}`}</span>
      {line.batch_no && <Typography.Text type="secondary">{line.batch_no}</Typography.Text>}
    </Flex>
  );
}

function CountingTable({ sheet, canEnter, entries, setEntries, lineErrors }: {
  sheet: CountSheet;
  canEnter: boolean;
  entries: Entries;
  setEntries(update: (entries: Entries) => Entries): void;
  lineErrors: Record<string, string[]>;
}) {
  const { t } = useTranslation();
  const [onlyOpen, setOnlyOpen] = useState(false);
  const [search, setSearch] = useState("");
  const edit = (line: CountLine, field: "counted" | "unitCost", value: string) =>
    setEntries((current) => ({ ...current, [line.id]: { ...current[line.id], [field]: value } }));
  const needle = search.trim().toLowerCase();
  const lines = sheet.lines.filter(
    (line) =>
      (!onlyOpen || shownCount(line, entries).trim() === "") &&
      (!needle || `${line.item_code} ${line.item_name} ${line.batch_no ?? ""}`.toLowerCase().includes(needle)),
  );
  const columns: ColumnsType<CountLine> = [
    { key: "line_no", title: "#", dataIndex: "line_no", width: 56 },
    { key: "item", title: t("screens.report.item"), render: (_, line) => itemCell(line) },
    { key: "class", title: t("screens.warehouse.count.abcClass"), dataIndex: "abc_class", width: 72 },
    { key: "unit", title: t("fields.unit"), dataIndex: "unit", width: 72 },
    {
      key: "counted", title: t("screens.warehouse.count.counted"), width: 180,
      render: (_, line) => {
        const value = shownCount(line, entries);
        const problem = quantityProblem(value);
        const errors = lineErrors[line.id];
        if (!canEnter) return <Num kind="quantity" value={line.counted_quantity} />;
        return (
          <Tooltip title={problem ? t("screens.warehouse.count.badQuantity") : errors?.join(" ")} open={problem || errors ? undefined : false}>
            <Input
              aria-label={t("screens.warehouse.count.countedFor", { line: line.line_no })}
              inputMode="decimal"
              value={value}
              status={problem || errors ? "error" : undefined}
              onChange={(event) => edit(line, "counted", event.target.value)}
              className="erp-number"
              style={{ textAlign: "right" }}
            />
          </Tooltip>
        );
      },
    },
    {
      key: "unit_cost", title: <Tooltip title={t("screens.warehouse.count.unitCostHelp")}>{t("screens.warehouse.count.unitCost")}</Tooltip>, width: 160,
      render: (_, line) => {
        const value = shownUnitCost(line, entries);
        if (!canEnter) return line.entered_unit_cost && <span className="erp-number">{line.entered_unit_cost}</span>;
        return (
          <Input
            aria-label={t("screens.warehouse.count.unitCostFor", { line: line.line_no })}
            inputMode="decimal"
            value={value}
            status={unitCostProblem(value) ? "error" : undefined}
            onChange={(event) => edit(line, "unitCost", event.target.value)}
            className="erp-number"
            style={{ textAlign: "right" }}
          />
        );
      },
    },
    { key: "by", title: t("screens.warehouse.count.countedBy"), render: (_, line) => line.counted_by_name ?? "" },
  ];
  return (
    <Flex vertical gap="small">
      <Space wrap>
        <Input.Search allowClear aria-label={t("screens.warehouse.count.findLine")} placeholder={t("screens.warehouse.count.findLine")} onChange={(event) => setSearch(event.target.value)} style={{ width: 260 }} />
        <Switch checked={onlyOpen} onChange={setOnlyOpen} aria-label={t("screens.warehouse.count.onlyUncounted")} /> {t("screens.warehouse.count.onlyUncounted")}
      </Space>
      <Table<CountLine> size="small" rowKey="id" columns={columns} dataSource={lines} pagination={{ defaultPageSize: 50, showSizeChanger: true }} scroll={{ x: "max-content" }} />
    </Flex>
  );
}

function ReviewTable({ sheet }: { sheet: CountSheet }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const [onlyVariances, setOnlyVariances] = useState(sheet.status === "submitted");
  const lines = onlyVariances ? sheet.lines.filter((line) => line.variance && !/^-?0+(\.0+)?$/.test(line.variance)) : sheet.lines;
  const columns: ColumnsType<CountLine> = [
    { key: "line_no", title: "#", dataIndex: "line_no", width: 56 },
    { key: "item", title: t("screens.report.item"), render: (_, line) => itemCell(line) },
    { key: "class", title: t("screens.warehouse.count.abcClass"), dataIndex: "abc_class" },
    { key: "unit", title: t("fields.unit"), dataIndex: "unit" },
    { key: "book", title: t("screens.warehouse.count.book"), align: "right", render: (_, line) => <Num kind="quantity" value={line.book_quantity} /> },
    { key: "counted", title: t("screens.warehouse.count.counted"), align: "right", render: (_, line) => <Num kind="quantity" value={line.counted_quantity} /> },
    { key: "variance", title: t("screens.warehouse.count.variance"), align: "right", render: (_, line) => <Num kind="quantity" value={line.variance} signed strong /> },
    {
      key: "unit_cost", title: t("screens.warehouse.unitCost"), align: "right",
      render: (_, line) => <span className="erp-number">{formatDecimal(line.unit_cost, formats.language, { minFractionDigits: 2 })}</span>,
    },
    { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, line) => <Num value={line.value} signed /> },
    { key: "by", title: t("screens.warehouse.count.countedBy"), render: (_, line) => line.counted_by_name ?? "" },
  ];
  return (
    <Flex vertical gap="small">
      <Space>
        <Switch checked={onlyVariances} onChange={setOnlyVariances} aria-label={t("screens.warehouse.count.onlyVariances")} /> {t("screens.warehouse.count.onlyVariances")}
      </Space>
      <Table<CountLine> size="small" rowKey="id" columns={columns} dataSource={lines} pagination={{ defaultPageSize: 50, showSizeChanger: true }} scroll={{ x: "max-content" }} />
    </Flex>
  );
}

export default function CountSheetPage() {
  const { countId = "" } = useParams();
  const { t } = useTranslation();
  const { api, roles, session } = useAuth();
  const { message, modal } = App.useApp();
  const formats = useFormats();
  const queryClient = useQueryClient();
  const [entries, setEntries] = useState<Entries>({});
  const [lineErrors, setLineErrors] = useState<Record<string, string[]>>({});
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState<"save" | "submit" | "post" | null>(null);
  const queryKey = ["cycle-count", countId];
  const sheet = useQuery({
    queryKey,
    queryFn: async () => (await unwrap(api.GET("/api/inventory/cycle-counts/{count_id}", { params: { path: { count_id: countId } } }))).data as unknown as CountSheet,
    enabled: UUID.test(countId),
    staleTime: 0,
  });
  const data = sheet.data;
  const pending = useMemo(() => (data ? changedLines(data.lines, entries) : { lines: [], invalid: [] }), [data, entries]);

  if (!UUID.test(countId)) return <ErrorNotice error={new ApiError(404, { title: t("errors.notFoundTitle"), detail: t("errors.notFound") })} />;
  if (sheet.isError) return <ErrorNotice error={sheet.error} onRetry={() => void sheet.refetch()} />;
  if (!data) return <Typography.Text type="secondary">{t("app.loading")}</Typography.Text>;

  const path = { params: { path: { count_id: countId } } };
  const canEnter = data.status === "counting" && isAllowed(roles, "PUT", `/api/inventory/cycle-counts/${countId}/counts`);
  const canSubmit = data.status === "counting" && isAllowed(roles, "POST", `/api/inventory/cycle-counts/${countId}/submit`);
  const canPost = data.status === "submitted" && isAllowed(roles, "POST", `/api/inventory/cycle-counts/${countId}/post`);
  const countedBy = counters(data.lines);
  const me = session?.claims.username ?? "";
  const iCounted = countedBy.includes(me);

  function settle(next: CountSheet) {
    queryClient.setQueryData(queryKey, next);
    void queryClient.invalidateQueries({ queryKey: ["cycle-counts"] });
  }

  async function act(kind: "save" | "submit" | "post", run: () => Promise<void>) {
    setBusy(kind);
    setActionError(null);
    try {
      await run();
    } catch (error) {
      setActionError(error);
      message.error(describeError(t, error));
    } finally {
      setBusy(null);
    }
  }

  /** Saves what changed; true when nothing is left unsaved. */
  async function save(): Promise<boolean> {
    if (pending.invalid.length > 0) {
      message.warning(t("screens.warehouse.count.fixFirst", { count: pending.invalid.length }));
      return false;
    }
    if (pending.lines.length === 0) return true;
    const sent = pending.lines;
    try {
      const { data: next } = await unwrap(api.PUT("/api/inventory/cycle-counts/{count_id}/counts", { ...path, body: { lines: asSentDecimals(sent) } }));
      settle(next as unknown as CountSheet);
      setEntries({});
      setLineErrors({});
      return true;
    } catch (error) {
      if (error instanceof ApiError) setLineErrors(errorsByLine(error.fieldErrors, (index) => sent[index]?.line_id));
      throw error;
    }
  }

  function submit() {
    modal.confirm({
      title: t("screens.warehouse.count.submitTitle", { number: data!.number }),
      content: t("screens.warehouse.count.submitConfirm"),
      okText: t("screens.warehouse.count.submit"),
      onOk: () =>
        act("submit", async () => {
          if (!(await save())) return;
          try {
            const { data: next } = await unwrap(api.POST("/api/inventory/cycle-counts/{count_id}/submit", path));
            settle(next as unknown as CountSheet);
            setLineErrors({});
            message.success(t("screens.warehouse.count.submittedMessage"));
          } catch (error) {
            if (error instanceof ApiError) setLineErrors(errorsByLine(error.fieldErrors, (index) => data!.lines[index]?.id));
            throw error;
          }
        }),
    });
  }

  function post() {
    const totals = varianceTotals(data!.lines);
    modal.confirm({
      title: t("screens.warehouse.count.postTitle", { number: data!.number }),
      content: t("screens.warehouse.count.postConfirm", { lines: totals.linesWithVariance, gains: formats.amount(totals.gains), losses: formats.amount(totals.losses) }),
      okText: t("screens.warehouse.count.post"),
      onOk: () =>
        act("post", async () => {
          const { data: next } = await unwrap(api.POST("/api/inventory/cycle-counts/{count_id}/post", path));
          settle(next as unknown as CountSheet);
          message.success(t("screens.warehouse.count.postedMessage"));
        }),
    });
  }

  const counted = countedSoFar(data.lines, entries);
  const totals = data.status !== "counting" ? varianceTotals(data.lines) : null;
  return (
    <Flex vertical gap="middle">
      <ReportHeader
        title={
          <Space>
            {t("screens.warehouse.count.sheet", { number: data.number })}
            <Badge status={COUNT_STATUS_BADGES[data.status] ?? "default"} text={t(`screens.warehouse.count.status.${data.status}`)} />
          </Space>
        }
        onRefresh={() => void sheet.refetch()}
        refreshing={sheet.isFetching}
        extra={
          <>
            <Link to="..">{t("screens.warehouse.count.backToList")}</Link>
            {canEnter && (
              <Button icon={<SaveOutlined />} disabled={pending.lines.length === 0} loading={busy === "save"} onClick={() => void act("save", async () => void (await save()))}>
                {t("screens.warehouse.count.save", { count: pending.lines.length })}
              </Button>
            )}
            {canSubmit && (
              <Button type="primary" icon={<SendOutlined />} loading={busy === "submit"} onClick={submit}>
                {t("screens.warehouse.count.submit")}
              </Button>
            )}
            {canPost && (
              <Tooltip title={iCounted ? t("screens.warehouse.count.cannotPostOwn") : undefined}>
                <Button type="primary" icon={<CheckOutlined />} loading={busy === "post"} disabled={iCounted} onClick={post}>
                  {t("screens.warehouse.count.post")}
                </Button>
              </Tooltip>
            )}
          </>
        }
      />
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "warehouse", label: t("screens.report.warehouse"), children: data.warehouse_code },
            { key: "scope", label: t("screens.warehouse.count.scope"), children: scopeText(t, data.scope, data.classes) },
            { key: "snapshot", label: t("screens.warehouse.count.snapshot"), children: formats.dateTime(data.snapshot_at) },
            { key: "created", label: t("screens.warehouse.count.created"), children: `${data.created_by_name} · ${formats.dateTime(data.created_at)}` },
            ...(data.submitted_at ? [{ key: "submitted", label: t("screens.warehouse.count.submitted"), children: `${data.submitted_by_name ?? ""} · ${formats.dateTime(data.submitted_at)}` }] : []),
            ...(data.posted_at ? [{ key: "posted", label: t("screens.warehouse.count.posted"), children: `${data.posted_by_name ?? ""} · ${formats.dateTime(data.posted_at)}` }] : []),
            { key: "counters", label: t("screens.warehouse.count.counters"), children: countedBy.join(", ") || "—" },
            {
              key: "progress", label: t("screens.warehouse.count.progress"),
              children: <Progress size="small" percent={data.lines.length ? Math.floor((counted * 100) / data.lines.length) : 0} format={() => `${counted} / ${data.lines.length}`} />,
            },
            ...(totals
              ? [
                  { key: "gains", label: t("screens.warehouse.count.gains"), children: <Num value={data.total_gain ?? totals.gains} signed /> },
                  { key: "losses", label: t("screens.warehouse.count.losses"), children: <Num value={data.total_loss ?? totals.losses} signed={data.total_loss === null} /> },
                  { key: "differing", label: t("screens.warehouse.count.linesWithVariance"), children: totals.linesWithVariance },
                ]
              : []),
            ...(data.status === "posted"
              ? [{
                  key: "entries", label: t("screens.warehouse.count.journal"),
                  children: <GuardedLink to={to.journalEntries({ source_document: data.number })} apiPath="/api/finance/journal-entries">{t("screens.warehouse.count.viewEntries")}</GuardedLink>,
                }]
              : []),
          ]}
        />
      </Card>
      {data.status === "counting" && <Alert type="info" showIcon title={t("screens.warehouse.count.blindNote")} />}
      {data.status === "submitted" && iCounted && <Alert type="warning" showIcon title={t("screens.warehouse.count.cannotPostOwn")} />}
      {actionError !== null && <ErrorNotice error={actionError} />}
      {data.status === "counting" ? (
        <CountingTable sheet={data} canEnter={canEnter} entries={entries} setEntries={setEntries} lineErrors={lineErrors} />
      ) : (
        <ReviewTable sheet={data} />
      )}
    </Flex>
  );
}
