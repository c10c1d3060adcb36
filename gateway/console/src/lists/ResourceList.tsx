/**
 * One server-paged list screen for any declared resource: filters, page and page size in the URL, status
 * badges, and CSV export of the whole filtered set (every page fetched, the file built in the browser).
 */
import { DownloadOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { App, Button, Checkbox, Flex, Input, Select, Space, Table, Typography } from "antd";
import type { ColumnsType, TablePaginationConfig } from "antd/es/table";
import type { SorterResult, TableCurrentDataSource } from "antd/es/table/interface";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { fetchAll, fetchPage, type ListPath, type ListRow } from "../api/lists";
import { useAuth } from "../auth/AuthProvider";
import { isAllowed } from "../auth/permissions";
import { describeError, ErrorNotice } from "../errors/ErrorNotice";
import { useLanguage } from "../i18n/LanguageProvider";
import { useRecordDrawer } from "../masterdata/useRecordDrawer";
import { toCsv, downloadCsv } from "./csv";
import type { FilterDef, ListResource } from "./definition";
import { csvValue, isNumeric, renderCell, type CellContext } from "./display";
import { columnSortOrder, exportQuery, pageQuery, PAGE_SIZES, readListState, withFilter, withSort, writeListState, type ListState } from "./urlState";

type Row = Record<string, unknown>;

function FilterControl({ filter, value, onChange }: { filter: FilterDef; value: string | undefined; onChange(value: string | undefined): void }) {
  const { t } = useTranslation();
  switch (filter.kind) {
    case "search":
      return (
        <Input.Search
          key={value ?? ""}
          allowClear
          defaultValue={value}
          placeholder={t(filter.placeholderKey)}
          aria-label={t(filter.placeholderKey)}
          onSearch={(text) => onChange(text.trim() || undefined)}
          style={{ width: 240 }}
        />
      );
    case "select":
      return (
        <Select
          allowClear
          value={value}
          placeholder={t(filter.labelKey)}
          aria-label={t(filter.labelKey)}
          onChange={(next) => onChange(next ?? undefined)}
          options={filter.options.map((option) => ({ value: option, label: t(`${filter.labels}.${option}`, { defaultValue: option }) }))}
          style={{ minWidth: 160 }}
        />
      );
    case "boolean":
      return (
        <Select
          allowClear
          value={value}
          placeholder={t(filter.labelKey)}
          aria-label={t(filter.labelKey)}
          onChange={(next) => onChange(next ?? undefined)}
          options={[
            { value: "true", label: `${t(filter.labelKey)}: ${t("values.active")}` },
            { value: "false", label: `${t(filter.labelKey)}: ${t("values.inactive")}` },
          ]}
          style={{ minWidth: 140 }}
        />
      );
    case "flag":
      return (
        <Checkbox checked={value === "true"} onChange={(event) => onChange(event.target.checked ? "true" : undefined)}>
          {t(filter.labelKey)}
        </Checkbox>
      );
  }
}

export function ResourceList<P extends ListPath>({ resource }: { resource: ListResource<P> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { api, roles } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState<{ fetched: number; total: number } | null>(null);
  const state = readListState(params, resource.filters, resource.sortable);
  const query = pageQuery(state);
  const page = useQuery({
    queryKey: ["list", resource.path, query],
    queryFn: () => fetchPage(api, resource.path, query),
    placeholderData: keepPreviousData,
  });
  const context: CellContext = { t, language, statusColors: resource.statusColors };
  const setState = (next: ListState) => setParams(writeListState(next));
  // Stable per screen: App keys the list by path, so the same hook runs on every render of one list.
  const useDrawer = resource.drawer ?? (() => useRecordDrawer(resource.record));
  const records = useDrawer();

  const columns: ColumnsType<Row> = useMemo(
    () =>
      resource.columns.map((column, index) => ({
        key: column.key,
        dataIndex: column.key,
        title: t(column.titleKey),
        width: column.width,
        align: isNumeric(column) ? ("right" as const) : undefined,
        sorter: resource.sortable?.includes(column.key) ?? false,
        sortOrder: columnSortOrder(state.sort, column.key),
        render: (value: unknown, row: Row) =>
          resource.rowLink && index === 0 ? <Link to={resource.rowLink(row as ListRow<P>)}>{renderCell(column, value, context)}</Link>
          : records.recordLink && index === 0 ? records.recordLink(row, renderCell(column, value, context)) : renderCell(column, value, context),
      })),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [resource, t, language, state.sort],
  );

  /** A header click re-sorts from page 1; paging keeps the URL's sort whole (it may name more keys than a header shows). */
  function onTableChange(pagination: TablePaginationConfig, _filters: unknown, sorter: SorterResult<Row> | SorterResult<Row>[], extra: TableCurrentDataSource<Row>) {
    if (extra.action === "sort") {
      const single = Array.isArray(sorter) ? sorter[0] : sorter;
      setState(withSort(state, String(single?.columnKey ?? ""), single?.order));
      return;
    }
    const pageSize = pagination.pageSize ?? state.pageSize;
    setState({ ...state, pageSize, page: pageSize !== state.pageSize ? 1 : pagination.current ?? 1 });
  }

  async function exportCsv() {
    setExporting({ fetched: 0, total: page.data?.pagination.total ?? 0 });
    try {
      const { rows, total, truncated } = await fetchAll(api, resource.path, exportQuery(state), {
        onProgress: (fetched, all) => setExporting({ fetched, total: all }),
      });
      const csv = toCsv(
        resource.columns.map((column) => ({
          header: t(column.titleKey),
          kind: isNumeric(column) ? ("number" as const) : ("text" as const),
          value: (row: ListRow<P>) => csvValue(column, (row as Row)[column.key], context),
        })),
        rows,
      );
      downloadCsv(`${resource.key}-${new Date().toISOString().slice(0, 10)}.csv`, csv);
      if (truncated) message.warning(t("list.truncated", { count: rows.length, total }));
      else message.success(t("list.exported", { count: rows.length }));
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setExporting(null);
    }
  }

  const rows = (page.data?.rows ?? []) as Row[];
  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t(resource.titleKey)}
        </Typography.Title>
        <Space wrap>
          {records.newButton}
          {resource.create && isAllowed(roles, "POST", resource.create.apiPath) && (
            <Link to={resource.create.to}>
              <Button type="primary" icon={<PlusOutlined />} data-action="create">
                {t(resource.create.labelKey)}
              </Button>
            </Link>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void page.refetch()} loading={page.isFetching && !page.isLoading}>
            {t("list.refresh")}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => void exportCsv()} loading={exporting !== null} disabled={page.isError}>
            {exporting ? t("list.exporting", exporting) : t("list.export")}
          </Button>
        </Space>
      </Flex>
      {resource.filters.length > 0 && (
        <Space wrap>
          {resource.filters.map((filter) => (
            <FilterControl
              key={filter.name}
              filter={filter}
              value={state.filters[filter.name]}
              onChange={(value) => setState(withFilter(state, filter.name, value))}
            />
          ))}
          {Object.keys(state.filters).length > 0 && <Button onClick={() => setState({ ...state, filters: {}, page: 1 })}>{t("list.reset")}</Button>}
        </Space>
      )}
      {page.isError ? (
        <ErrorNotice error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <Table<Row>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={page.isFetching}
          onChange={onTableChange}
          scroll={{ x: "max-content" }}
          pagination={{
            current: state.page,
            pageSize: state.pageSize,
            total: page.data?.pagination.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: PAGE_SIZES.map(String),
            showTotal: (total) => t("list.total", { total }),
          }}
        />
      )}
      {records.drawer}
    </Flex>
  );
}
