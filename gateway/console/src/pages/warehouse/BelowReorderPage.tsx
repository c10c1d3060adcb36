/** Active items whose stock over all warehouses is below their reorder level, and how much to order. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Flex, Select, Space, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { GuardedLink, to } from "../../reports/links";
import { useReportParams } from "../../reports/params";
import { fetchSentPage, type GetAnswer } from "../../reports/types";
import { Num, ReportHeader, tablePagination } from "../../reports/ui";

const ITEM_TYPES = ["raw_material", "finished_good", "service"] as const;
type Row = GetAnswer<"/api/inventory/reports/below-reorder">[number];

export default function BelowReorderPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const itemType = ITEM_TYPES.find((type) => type === params.get("item_type"));
  const report = useQuery({
    queryKey: ["below-reorder", itemType, page, pageSize],
    queryFn: () => fetchSentPage(api, "/api/inventory/reports/below-reorder", { item_type: itemType, page, page_size: pageSize }),
    placeholderData: keepPreviousData,
  });
  const quantity = (key: keyof Row, titleKey: string, strong = false) => ({
    key, title: t(titleKey), align: "right" as const, render: (_: unknown, row: Row) => <Num kind="quantity" value={row[key]} strong={strong} />,
  });
  const columns: ColumnsType<Row> = [
    {
      key: "item", title: t("screens.report.item"),
      render: (_, row) => <GuardedLink to={to.movements(row.item_id)} apiPath="/api/inventory/reports/movements">{`${row.item_code} — ${row.item_name}`}</GuardedLink>,
    },
    { key: "item_type", title: t("fields.itemType"), render: (_, row) => t(`values.itemType.${row.item_type}`, { defaultValue: row.item_type }) },
    { key: "unit", title: t("fields.unit"), dataIndex: "unit" },
    quantity("on_hand", "screens.warehouse.onHand"),
    quantity("reserved", "screens.warehouse.reserved"),
    quantity("backordered", "screens.warehouse.backordered"),
    quantity("available", "screens.warehouse.available"),
    quantity("reorder_level", "fields.reorderLevel"),
    { ...quantity("shortfall", "screens.warehouse.shortfall"), render: (_: unknown, row: Row) => <Num kind="quantity" value={row.shortfall} /> },
    quantity("reorder_quantity", "fields.reorderQuantity"),
    quantity("suggested_quantity", "screens.warehouse.suggestedQuantity", true),
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.belowReorder")} onRefresh={() => void report.refetch()} refreshing={report.isFetching} />
      <Space wrap>
        <Select
          allowClear
          value={itemType}
          placeholder={t("fields.itemType")}
          aria-label={t("fields.itemType")}
          onChange={(value) => set({ item_type: value })}
          options={ITEM_TYPES.map((type) => ({ value: type, label: t(`values.itemType.${type}`) }))}
          style={{ minWidth: 160 }}
        />
      </Space>
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <Table<Row>
          size="middle"
          rowKey="item_id"
          columns={columns}
          dataSource={report.data?.rows ?? []}
          loading={report.isFetching}
          scroll={{ x: "max-content" }}
          pagination={tablePagination({ page, pageSize }, report.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }))}
        />
      )}
    </Flex>
  );
}
