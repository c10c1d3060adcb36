/**
 * Stock on hand three ways: now per place and batch (with reserved and available), as of the end of any day
 * per warehouse and item (with each warehouse's value), and per batch with where it came from.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Checkbox, Descriptions, Flex, Input, Space, Table, Tabs } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { formatDecimal } from "../../decimal/format";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { paged } from "../../reports/fetch";
import { GuardedLink, to } from "../../reports/links";
import { dateParam, idParam, useReportParams } from "../../reports/params";
import { ItemSelect, WarehouseSelect } from "../../reports/pickers";
import { fetchSentPage } from "../../reports/types";
import { DateInput, Num, ReportHeader, tablePagination, useFormats } from "../../reports/ui";

const VIEWS = ["current", "as_of", "batches"] as const;
type View = (typeof VIEWS)[number];

interface Place {
  item_id: string;
  item_code: string;
  item_name: string;
  warehouse_id: string;
  warehouse_code: string;
  batch_no?: string | null;
}

function itemText(row: Place) {
  return `${row.item_code} — ${row.item_name}`;
}

function ItemCell({ row, dateTo }: { row: Place; dateTo?: string }) {
  return (
    <GuardedLink to={to.movements(row.item_id, row.warehouse_id, dateTo)} apiPath="/api/inventory/reports/movements">
      {itemText(row)}
    </GuardedLink>
  );
}

function BatchCell({ row }: { row: Place }) {
  if (!row.batch_no) return null;
  return (
    <GuardedLink to={to.batchTrace(row.item_id, row.batch_no)} apiPath="/api/inventory/batches">
      {row.batch_no}
    </GuardedLink>
  );
}

function CurrentStock() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const filters = { warehouse_id: idParam(params, "warehouse_id"), item_id: idParam(params, "item_id"), batch_no: params.get("batch_no") || undefined };
  const stock = useQuery({
    queryKey: ["stock", filters, page, pageSize],
    queryFn: () => fetchSentPage(api, "/api/inventory/stock", { ...filters, page, page_size: pageSize }),
    placeholderData: keepPreviousData,
  });
  const formats = useFormats();
  type Row = NonNullable<typeof stock.data>["rows"][number];
  const columns: ColumnsType<Row> = [
    { key: "warehouse", title: t("screens.report.warehouse"), dataIndex: "warehouse_code" },
    { key: "item", title: t("screens.report.item"), render: (_, row) => <ItemCell row={row} /> },
    { key: "batch", title: t("screens.warehouse.batch"), render: (_, row) => <BatchCell row={row} /> },
    { key: "on_hand", title: t("screens.warehouse.onHand"), align: "right", render: (_, row) => <Num kind="quantity" value={row.on_hand} /> },
    { key: "reserved", title: t("screens.warehouse.reserved"), align: "right", render: (_, row) => <Num kind="quantity" value={row.reserved} /> },
    { key: "available", title: t("screens.warehouse.available"), align: "right", render: (_, row) => <Num kind="quantity" value={row.available} signed /> },
    { key: "unit", title: t("fields.unit"), dataIndex: "unit" },
    {
      key: "average_cost", title: t("screens.warehouse.averageCost"), align: "right",
      render: (_, row) => <span className="erp-number">{formatDecimal(row.average_cost, formats.language, { minFractionDigits: 2 })}</span>,
    },
    { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.value} /> },
  ];
  return (
    <Flex vertical gap="middle">
      <Space wrap>
        <WarehouseSelect value={filters.warehouse_id} onChange={(value) => set({ warehouse_id: value })} />
        <ItemSelect value={filters.item_id} onChange={(value) => set({ item_id: value })} />
        <Input.Search
          key={filters.batch_no ?? ""}
          allowClear
          defaultValue={filters.batch_no}
          placeholder={t("screens.warehouse.batch")}
          onSearch={(text) => set({ batch_no: text.trim() || undefined })}
          style={{ width: 200 }}
        />
      </Space>
      {stock.isError ? (
        <ErrorNotice error={stock.error} onRetry={() => void stock.refetch()} />
      ) : (
        <Table<Row>
          size="middle"
          rowKey={(row) => `${row.warehouse_id}/${row.item_id}/${row.batch_no ?? ""}`}
          columns={columns}
          dataSource={stock.data?.rows ?? []}
          loading={stock.isFetching}
          scroll={{ x: "max-content" }}
          pagination={tablePagination({ page, pageSize }, stock.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }))}
        />
      )}
    </Flex>
  );
}

function StockAsOf() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const query = { as_of: dateParam(params, "as_of"), warehouse_id: idParam(params, "warehouse_id"), item_id: idParam(params, "item_id") };
  const report = useQuery({
    queryKey: ["stock-on-hand", query, page, pageSize],
    queryFn: () =>
      paged(api.GET("/api/inventory/reports/stock-on-hand", { params: { query: { ...query, page, page_size: pageSize } } }), page, (data) => data.rows.length),
    placeholderData: keepPreviousData,
  });
  type Row = NonNullable<typeof report.data>["data"]["rows"][number];
  const columns: ColumnsType<Row> = [
    { key: "warehouse", title: t("screens.report.warehouse"), dataIndex: "warehouse_code" },
    { key: "item", title: t("screens.report.item"), render: (_, row) => <ItemCell row={row} dateTo={query.as_of} /> },
    { key: "quantity", title: t("screens.warehouse.onHand"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity} /> },
    { key: "unit", title: t("fields.unit"), dataIndex: "unit" },
    { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.value} /> },
  ];
  const data = report.data?.data;
  return (
    <Flex vertical gap="middle">
      <Space wrap>
        <DateInput value={query.as_of} onChange={(value) => set({ as_of: value })} placeholder={t("screens.report.asOfNow")} />
        <WarehouseSelect value={query.warehouse_id} onChange={(value) => set({ warehouse_id: value })} />
        <ItemSelect value={query.item_id} onChange={(value) => set({ item_id: value })} />
      </Space>
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          {data && (
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, lg: 4 }}
                items={[
                  { key: "total", label: t("screens.warehouse.totalValue"), children: <Num value={data.total_value} strong /> },
                  ...data.warehouses.map((warehouse) => ({ key: warehouse.warehouse_id, label: warehouse.warehouse_code, children: <Num value={warehouse.value} /> })),
                ]}
              />
            </Card>
          )}
          <Table<Row>
            size="middle"
            rowKey={(row) => `${row.warehouse_id}/${row.item_id}`}
            columns={columns}
            dataSource={data?.rows ?? []}
            loading={report.isFetching}
            scroll={{ x: "max-content" }}
            pagination={tablePagination({ page, pageSize }, report.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }))}
          />
        </>
      )}
    </Flex>
  );
}

function Batches() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const filters = { warehouse_id: idParam(params, "warehouse_id"), item_id: idParam(params, "item_id"), include_empty: params.get("include_empty") === "true" ? true : undefined };
  const batches = useQuery({
    queryKey: ["batches", filters, page, pageSize],
    queryFn: () => fetchSentPage(api, "/api/inventory/batches", { ...filters, page, page_size: pageSize }),
    placeholderData: keepPreviousData,
  });
  const formats = useFormats();
  type Row = NonNullable<typeof batches.data>["rows"][number];
  const columns: ColumnsType<Row> = [
    { key: "batch", title: t("screens.warehouse.batch"), render: (_, row) => <BatchCell row={row} /> },
    { key: "item", title: t("screens.report.item"), render: (_, row) => <ItemCell row={row} /> },
    { key: "warehouse", title: t("screens.report.warehouse"), dataIndex: "warehouse_code" },
    { key: "on_hand", title: t("screens.warehouse.onHand"), align: "right", render: (_, row) => <Num kind="quantity" value={row.on_hand} /> },
    { key: "unit", title: t("fields.unit"), dataIndex: "unit" },
    { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.value} /> },
    { key: "received", title: t("screens.warehouse.firstReceived"), render: (_, row) => formats.dateTime(row.first_received_at) },
    { key: "receipt", title: t("screens.warehouse.receipt"), dataIndex: "receipt_no" },
    {
      key: "po", title: t("screens.finance.poNumber"),
      render: (_, row) => row.po_number && <GuardedLink to={to.purchaseOrders(row.po_number)} apiPath="/api/procurement/purchase-orders">{row.po_number}</GuardedLink>,
    },
    { key: "supplier", title: t("fields.supplier"), render: (_, row) => [row.supplier_code, row.supplier_name].filter(Boolean).join(" — ") },
  ];
  return (
    <Flex vertical gap="middle">
      <Space wrap>
        <WarehouseSelect value={filters.warehouse_id} onChange={(value) => set({ warehouse_id: value })} />
        <ItemSelect value={filters.item_id} onChange={(value) => set({ item_id: value })} />
        <Checkbox checked={filters.include_empty === true} onChange={(event) => set({ include_empty: event.target.checked ? "true" : undefined })}>
          {t("screens.warehouse.includeEmpty")}
        </Checkbox>
      </Space>
      {batches.isError ? (
        <ErrorNotice error={batches.error} onRetry={() => void batches.refetch()} />
      ) : (
        <Table<Row>
          size="middle"
          rowKey={(row) => `${row.warehouse_id}/${row.item_id}/${row.batch_no}`}
          columns={columns}
          dataSource={batches.data?.rows ?? []}
          loading={batches.isFetching}
          scroll={{ x: "max-content" }}
          pagination={tablePagination({ page, pageSize }, batches.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }))}
        />
      )}
    </Flex>
  );
}

export default function StockPage() {
  const { t } = useTranslation();
  const { params, set } = useReportParams();
  const view: View = (VIEWS as readonly string[]).includes(params.get("view") ?? "") ? (params.get("view") as View) : "current";
  // Keep the warehouse and item across views; the rest belongs to one view.
  const switchView = (next: string) =>
    set({ view: next === "current" ? undefined : next, as_of: undefined, batch_no: undefined, include_empty: undefined, page_size: undefined });
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.stock")} />
      <Tabs
        activeKey={view}
        onChange={switchView}
        destroyOnHidden
        items={[
          { key: "current", label: t("screens.warehouse.viewCurrent"), children: <CurrentStock /> },
          { key: "as_of", label: t("screens.warehouse.viewAsOf"), children: <StockAsOf /> },
          { key: "batches", label: t("screens.warehouse.viewBatches"), children: <Batches /> },
        ]}
      />
    </Flex>
  );
}
