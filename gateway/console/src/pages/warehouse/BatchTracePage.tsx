/** One batch of an item, end to end: the receipts it came in on, every movement with the running quantity, where it is now. */
import { useQuery } from "@tanstack/react-query";
import { Card, Col, Descriptions, Empty, Flex, Row as GridRow, Select, Space, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { unwrap } from "../../api/client";
import { fetchAll } from "../../api/lists";
import { useAuth } from "../../auth/AuthProvider";
import { formatDecimal } from "../../decimal/format";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { GuardedLink, to } from "../../reports/links";
import { idParam, useReportParams } from "../../reports/params";
import { ItemSelect } from "../../reports/pickers";
import type { GetAnswer } from "../../reports/types";
import { Num, ReportHeader, useFormats } from "../../reports/ui";

type Trace = GetAnswer<"/api/inventory/batches/{batch_no}/trace">;
type Movement = Trace["movements"][number] & { key: string };

/** The batch numbers an item has had, in any warehouse, empty ones included. */
function useBatchNumbers(itemId: string | undefined) {
  const { api } = useAuth();
  return useQuery({
    queryKey: ["batch-numbers", itemId],
    queryFn: async () => {
      const { rows } = await fetchAll(api, "/api/inventory/batches", { item_id: itemId, include_empty: true }, { maxRows: 2000 });
      return [...new Set(rows.map((row) => row.batch_no).filter((batch): batch is string => Boolean(batch)))].sort();
    },
    enabled: Boolean(itemId),
  });
}

function TraceView({ trace }: { trace: Trace }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const movements: Movement[] = trace.movements.map((movement, index) => ({ ...movement, key: `${movement.source_event_id}/${movement.warehouse_id}/${index}` }));
  const moveType = (type: string) => t(`screens.warehouse.moveType.${type}`, { defaultValue: type });
  const documentLink = (document: string) => (
    <GuardedLink to={to.journalEntries({ source_document: document })} apiPath="/api/finance/journal-entries">
      {document}
    </GuardedLink>
  );
  const movementColumns: ColumnsType<Movement> = [
    { key: "moved_at", title: t("screens.warehouse.movedAt"), render: (_, row) => formats.dateTime(row.moved_at) },
    { key: "move_type", title: t("screens.warehouse.moveTypeTitle"), render: (_, row) => moveType(row.move_type) },
    { key: "source_document", title: t("screens.warehouse.sourceDocument"), render: (_, row) => documentLink(row.source_document) },
    { key: "warehouse", title: t("screens.report.warehouse"), dataIndex: "warehouse_code" },
    { key: "quantity", title: t("screens.warehouse.quantity"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity} signed /> },
    {
      key: "unit_cost", title: t("screens.warehouse.unitCost"), align: "right",
      render: (_, row) => <span className="erp-number">{formatDecimal(row.unit_cost, formats.language, { minFractionDigits: 2 })}</span>,
    },
    { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.value} signed /> },
    { key: "running", title: t("screens.warehouse.runningQuantity"), align: "right", render: (_, row) => <Num kind="quantity" value={row.running_quantity} strong /> },
  ];
  return (
    <Flex vertical gap="middle">
      <Card size="small" title={`${trace.item_code} — ${trace.item_name} · ${t("screens.warehouse.batch")} ${trace.batch_no}`}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: "on_hand", label: t("screens.warehouse.onHandAll"), children: <><Num kind="quantity" value={trace.on_hand} strong />{`\u00a0${trace.unit}`}</> },
            ...trace.locations.map((location) => ({
              key: location.warehouse_id,
              label: location.warehouse_code,
              children: <Num kind="quantity" value={location.on_hand} />,
            })),
          ]}
        />
      </Card>
      <GridRow gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t("screens.warehouse.origins")}>
            <Table
              size="small"
              rowKey="receipt_no"
              pagination={false}
              dataSource={trace.origins}
              locale={{ emptyText: t("screens.warehouse.noOrigins") }}
              scroll={{ x: "max-content" }}
              columns={[
                { key: "receipt", title: t("screens.warehouse.receipt"), dataIndex: "receipt_no" },
                { key: "received", title: t("screens.warehouse.receivedAt"), render: (_, row) => formats.dateTime(row.received_at) },
                {
                  key: "po", title: t("screens.finance.poNumber"),
                  render: (_, row) => row.po_number && <GuardedLink to={to.purchaseOrders(row.po_number)} apiPath="/api/procurement/purchase-orders">{row.po_number}</GuardedLink>,
                },
                { key: "supplier", title: t("fields.supplier"), render: (_, row) => [row.supplier_code, row.supplier_name].filter(Boolean).join(" — ") },
                { key: "quantity", title: t("screens.warehouse.quantity"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity} /> },
                { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.value} /> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t("screens.warehouse.summaryByType")}>
            <Table
              size="small"
              rowKey="move_type"
              pagination={false}
              dataSource={trace.summary}
              columns={[
                { key: "type", title: t("screens.warehouse.moveTypeTitle"), render: (_, row) => moveType(row.move_type) },
                { key: "moves", title: t("screens.warehouse.moves"), align: "right", dataIndex: "moves" },
                { key: "quantity", title: t("screens.warehouse.quantity"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity} signed /> },
                { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.value} signed /> },
              ]}
            />
          </Card>
        </Col>
      </GridRow>
      <Card size="small" title={t("screens.warehouse.movementsTitle")}>
        <Table<Movement> size="small" rowKey="key" columns={movementColumns} dataSource={movements} pagination={false} scroll={{ x: "max-content" }} />
      </Card>
    </Flex>
  );
}

export default function BatchTracePage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { params, set } = useReportParams();
  const itemId = idParam(params, "item_id");
  const batchNo = params.get("batch_no") || undefined;
  const batches = useBatchNumbers(itemId);
  const trace = useQuery({
    queryKey: ["batch-trace", itemId, batchNo],
    queryFn: async () =>
      (await unwrap(api.GET("/api/inventory/batches/{batch_no}/trace", { params: { path: { batch_no: batchNo! }, query: { item_id: itemId! } } }))).data as Trace,
    enabled: Boolean(itemId && batchNo),
  });
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.batchTrace")} onRefresh={itemId && batchNo ? () => void trace.refetch() : undefined} refreshing={trace.isFetching} />
      <Space wrap>
        <ItemSelect value={itemId} onChange={(value) => set({ item_id: value, batch_no: undefined })} allowClear={false} />
        <Select
          value={batchNo}
          onChange={(value) => set({ batch_no: value })}
          disabled={!itemId}
          loading={batches.isFetching}
          placeholder={t("screens.warehouse.batch")}
          aria-label={t("screens.warehouse.batch")}
          showSearch
          options={(batches.data ?? []).map((batch) => ({ value: batch, label: batch }))}
          notFoundContent={itemId && !batches.isFetching ? t("screens.warehouse.noBatches") : undefined}
          style={{ minWidth: 200 }}
        />
      </Space>
      {!itemId || !batchNo ? (
        <Empty description={t("screens.warehouse.chooseBatch")} />
      ) : trace.isError ? (
        <ErrorNotice error={trace.error} onRetry={() => void trace.refetch()} />
      ) : trace.data ? (
        <TraceView trace={trace.data} />
      ) : null}
    </Flex>
  );
}
