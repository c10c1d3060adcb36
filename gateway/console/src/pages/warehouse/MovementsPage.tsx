/** One item's movements in a period: the opening balance, every movement with the running quantity and value, the closing. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Card, Descriptions, Empty, Flex, Space, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { formatDecimal } from "../../decimal/format";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { paged } from "../../reports/fetch";
import { GuardedLink, to } from "../../reports/links";
import { dateParam, idParam, useReportParams } from "../../reports/params";
import { ItemSelect, WarehouseSelect } from "../../reports/pickers";
import type { GetAnswer } from "../../reports/types";
import { Num, PeriodInput, ReportHeader, tablePagination, useFormats } from "../../reports/ui";

const PAGE_SIZES = [50, 100, 200, 500] as const;

type Movement = GetAnswer<"/api/inventory/reports/movements">["movements"][number];

export default function MovementsPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging(PAGE_SIZES);
  const itemId = idParam(params, "item_id");
  const query = { warehouse_id: idParam(params, "warehouse_id"), date_from: dateParam(params, "date_from"), date_to: dateParam(params, "date_to") };
  const history = useQuery({
    queryKey: ["movements", itemId, query, page, pageSize],
    queryFn: () =>
      paged(
        api.GET("/api/inventory/reports/movements", { params: { query: { item_id: itemId!, ...query, page, page_size: pageSize } } }),
        page,
        (data) => data.movements.length,
      ),
    enabled: Boolean(itemId),
    placeholderData: keepPreviousData,
  });
  const data = history.data?.data;
  const columns: ColumnsType<Movement> = [
    { key: "moved_at", title: t("screens.warehouse.movedAt"), render: (_, row) => formats.dateTime(row.moved_at) },
    { key: "move_type", title: t("screens.warehouse.moveTypeTitle"), render: (_, row) => t(`screens.warehouse.moveType.${row.move_type}`, { defaultValue: row.move_type }) },
    {
      key: "source_document", title: t("screens.warehouse.sourceDocument"),
      render: (_, row) => (
        <GuardedLink to={to.journalEntries({ source_document: row.source_document })} apiPath="/api/finance/journal-entries">
          {row.source_document}
        </GuardedLink>
      ),
    },
    { key: "warehouse", title: t("screens.report.warehouse"), dataIndex: "warehouse_code" },
    {
      key: "batch", title: t("screens.warehouse.batch"),
      render: (_, row) => row.batch_no && itemId && <GuardedLink to={to.batchTrace(itemId, row.batch_no)} apiPath="/api/inventory/batches">{row.batch_no}</GuardedLink>,
    },
    { key: "quantity", title: t("screens.warehouse.quantity"), align: "right", render: (_, row) => <Num kind="quantity" value={row.quantity} signed /> },
    {
      key: "unit_cost", title: t("screens.warehouse.unitCost"), align: "right",
      render: (_, row) => <span className="erp-number">{formatDecimal(row.unit_cost, formats.language, { minFractionDigits: 2 })}</span>,
    },
    { key: "value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.value} signed /> },
    { key: "running_quantity", title: t("screens.warehouse.runningQuantity"), align: "right", render: (_, row) => <Num kind="quantity" value={row.running_quantity} strong /> },
    { key: "running_value", title: t("screens.warehouse.runningValue"), align: "right", render: (_, row) => <Num value={row.running_value} strong /> },
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.movements")} onRefresh={itemId ? () => void history.refetch() : undefined} refreshing={history.isFetching} />
      <Space wrap>
        <ItemSelect value={itemId} onChange={(value) => set({ item_id: value })} allowClear={false} />
        <WarehouseSelect value={query.warehouse_id} onChange={(value) => set({ warehouse_id: value })} placeholder={t("screens.report.allWarehouses")} />
        <PeriodInput from={query.date_from} to={query.date_to} onChange={(from, until) => set({ date_from: from, date_to: until })} />
      </Space>
      {!itemId ? (
        <Empty description={t("screens.warehouse.chooseItem")} />
      ) : history.isError ? (
        <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <>
          {data && (
            <Card size="small" title={`${data.item_code} — ${data.item_name} (${data.unit})`}>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, lg: 4 }}
                items={[
                  { key: "oq", label: t("screens.warehouse.openingQuantity"), children: <Num kind="quantity" value={data.opening_quantity} /> },
                  { key: "ov", label: t("screens.warehouse.openingValue"), children: <Num value={data.opening_value} /> },
                  { key: "cq", label: t("screens.warehouse.closingQuantity"), children: <Num kind="quantity" value={data.closing_quantity} strong /> },
                  { key: "cv", label: t("screens.warehouse.closingValue"), children: <Num value={data.closing_value} strong /> },
                ]}
              />
            </Card>
          )}
          <Table<Movement>
            size="middle"
            rowKey="id"
            columns={columns}
            dataSource={data?.movements ?? []}
            loading={history.isFetching}
            scroll={{ x: "max-content" }}
            pagination={tablePagination({ page, pageSize }, history.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }), PAGE_SIZES)}
          />
        </>
      )}
    </Flex>
  );
}
