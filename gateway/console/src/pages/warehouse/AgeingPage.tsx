/** Stock by the age of its batch (days since first received), per item and in total, as of any day. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Flex, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { paged } from "../../reports/fetch";
import { GuardedLink, to } from "../../reports/links";
import { dateParam, idParam, useReportParams } from "../../reports/params";
import { WarehouseSelect } from "../../reports/pickers";
import type { GetAnswer } from "../../reports/types";
import { DateInput, Num, ReportHeader, tablePagination, useFormats } from "../../reports/ui";

type Ageing = GetAnswer<"/api/inventory/reports/stock-ageing">;
type Row = Ageing["items"][number];
type Bucket = Row["buckets"][number];

function bucketOf(buckets: readonly Bucket[], name: string): Bucket | undefined {
  return buckets.find((bucket) => bucket.bucket === name);
}

function BucketCell({ bucket }: { bucket: Bucket | undefined }) {
  if (!bucket) return null;
  return (
    <Flex vertical align="end">
      <Num value={bucket.value} />
      <Typography.Text type="secondary" className="erp-number">
        <Num kind="quantity" value={bucket.quantity} />
      </Typography.Text>
    </Flex>
  );
}

export default function AgeingPage() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const query = { as_of: dateParam(params, "as_of"), warehouse_id: idParam(params, "warehouse_id") };
  const report = useQuery({
    queryKey: ["stock-ageing", query, page, pageSize],
    queryFn: () => paged(api.GET("/api/inventory/reports/stock-ageing", { params: { query: { ...query, page, page_size: pageSize } } }), page, (data) => data.items.length),
    placeholderData: keepPreviousData,
  });
  const data = report.data?.data;
  const bucketNames = data?.bucket_names ?? [];
  const columns: ColumnsType<Row> = [
    {
      key: "item", title: t("screens.report.item"), fixed: "left",
      render: (_, row) => (
        <GuardedLink to={to.movements(row.item_id, query.warehouse_id, query.as_of)} apiPath="/api/inventory/reports/movements">
          {`${row.item_code} — ${row.item_name}`}
        </GuardedLink>
      ),
    },
    { key: "on_hand", title: t("screens.warehouse.onHand"), align: "right", render: (_, row) => <Num kind="quantity" value={row.on_hand} /> },
    { key: "unit", title: t("fields.unit"), dataIndex: "unit" },
    { key: "stock_value", title: t("screens.warehouse.value"), align: "right", render: (_, row) => <Num value={row.stock_value} strong /> },
    ...bucketNames.map((name) => ({
      key: name,
      title: t(`screens.warehouse.ageBucket.${name}`, { defaultValue: name }),
      align: "right" as const,
      render: (_: unknown, row: Row) => <BucketCell bucket={bucketOf(row.buckets, name)} />,
    })),
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.ageing")} onRefresh={() => void report.refetch()} refreshing={report.isFetching} />
      <Space wrap>
        <DateInput value={query.as_of} onChange={(value) => set({ as_of: value })} placeholder={t("screens.report.asOfToday")} />
        <WarehouseSelect value={query.warehouse_id} onChange={(value) => set({ warehouse_id: value })} placeholder={t("screens.report.allWarehouses")} />
      </Space>
      {report.isError ? (
        <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          {data && <Typography.Text type="secondary">{t("screens.warehouse.ageingNote", { date: formats.date(data.as_of) })}</Typography.Text>}
          <Table<Row>
            size="middle"
            rowKey="item_id"
            columns={columns}
            dataSource={data?.items ?? []}
            loading={report.isFetching}
            scroll={{ x: "max-content" }}
            pagination={tablePagination({ page, pageSize }, report.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }))}
            summary={() =>
              data && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={3}>
                    <Typography.Text strong>{t("screens.report.totalAllPages")}</Typography.Text>
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    <Num value={data.total_value} strong />
                  </Table.Summary.Cell>
                  {bucketNames.map((name, index) => (
                    <Table.Summary.Cell key={name} index={4 + index} align="right">
                      <BucketCell bucket={bucketOf(data.totals, name)} />
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )
            }
          />
        </>
      )}
    </Flex>
  );
}
