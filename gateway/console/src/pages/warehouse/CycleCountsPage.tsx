/** Cycle counts: the sheets (newest first) and a new one for a warehouse and scope; a sheet opens at /inventory/cycle-counts/:id. */
import { PlusOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Checkbox, Flex, Form, Modal, Progress, Radio, Select, Space, Table } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Route, Routes, useNavigate } from "react-router";
import { IDEMPOTENCY_HEADER, unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import { Submission } from "../../api/submission";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { NotFoundPage } from "../StatusPages";
import { idParam, useReportParams } from "../../reports/params";
import { WarehouseSelect } from "../../reports/pickers";
import { fetchSentPage, type GetAnswer } from "../../reports/types";
import { Num, ReportHeader, tablePagination, useFormats } from "../../reports/ui";
import { ABC_CLASSES, COUNT_SCOPES, COUNT_STATUSES, type CountSheet } from "./countSheet";
import CountSheetPage from "./CountSheetPage";

type Row = GetAnswer<"/api/inventory/cycle-counts">[number];

export const COUNT_STATUS_BADGES: Record<string, "processing" | "warning" | "success"> = { counting: "processing", submitted: "warning", posted: "success" };

export function scopeText(t: (key: string) => string, scope: string, classes: readonly string[]): string {
  const name = t(`screens.warehouse.count.scopes.${scope}`);
  return classes.length > 0 ? `${name} (${classes.join(", ")})` : name;
}

function NewCount({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ warehouse_id: string; scope: string; classes?: string[] }>();
  const submission = useRef(new Submission<CountSheet>());
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);
  const scope = Form.useWatch("scope", form);

  async function create(values: { warehouse_id: string; scope: string; classes?: string[] }) {
    setError(null);
    setPending(true);
    try {
      const body = {
        warehouse_id: values.warehouse_id,
        scope: values.scope as (typeof COUNT_SCOPES)[number],
        classes: values.scope === "abc" ? ((values.classes ?? []) as (typeof ABC_CLASSES)[number][]) : null,
      };
      const sheet = await submission.current.run(async (key) => {
        const { data } = await unwrap(api.POST("/api/inventory/cycle-counts", { body, headers: { [IDEMPOTENCY_HEADER]: key } }));
        return data as unknown as CountSheet;
      });
      await queryClient.invalidateQueries({ queryKey: ["cycle-counts"] });
      form.resetFields();
      onClose();
      navigate(sheet.id);
    } catch (caught) {
      if (caught instanceof ApiError && caught.formFields().length > 0) form.setFields(caught.formFields() as Parameters<typeof form.setFields>[0]);
      setError(caught);
    } finally {
      setPending(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t("screens.warehouse.count.new")}
      okText={t("screens.warehouse.count.open")}
      onOk={() => form.submit()}
      confirmLoading={pending}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap="middle">
        <Form form={form} layout="vertical" initialValues={{ scope: "all" }} onFinish={(values) => void create(values)}>
          <Form.Item name="warehouse_id" label={t("screens.report.warehouse")} rules={[{ required: true, message: t("signIn.required") }]}>
            <WarehouseSelect value={undefined} onChange={() => undefined} allowClear={false} />
          </Form.Item>
          <Form.Item name="scope" label={t("screens.warehouse.count.scope")} extra={t(`screens.warehouse.count.scopeHelp.${scope ?? "all"}`)}>
            <Radio.Group options={COUNT_SCOPES.map((value) => ({ value, label: t(`screens.warehouse.count.scopes.${value}`) }))} />
          </Form.Item>
          {scope === "abc" && (
            <Form.Item name="classes" label={t("screens.warehouse.count.classes")} rules={[{ required: true, message: t("signIn.required") }]}>
              <Checkbox.Group options={ABC_CLASSES.map((value) => ({ value, label: value }))} />
            </Form.Item>
          )}
        </Form>
        {error !== null && <ErrorNotice error={error} />}
      </Flex>
    </Modal>
  );
}

function CountList() {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const formats = useFormats();
  const { params, set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const [creating, setCreating] = useState(false);
  const filters = {
    status: COUNT_STATUSES.find((status) => status === params.get("status")),
    scope: COUNT_SCOPES.find((scope) => scope === params.get("scope")),
    warehouse_id: idParam(params, "warehouse_id"),
  };
  const counts = useQuery({
    queryKey: ["cycle-counts", filters, page, pageSize],
    queryFn: () => fetchSentPage(api, "/api/inventory/cycle-counts", { ...filters, page, page_size: pageSize }),
    placeholderData: keepPreviousData,
  });
  const columns: ColumnsType<Row> = [
    { key: "number", title: t("fields.number"), render: (_, row) => <Link to={row.id}>{row.number}</Link> },
    {
      key: "status", title: t("fields.status"),
      render: (_, row) => <Badge status={COUNT_STATUS_BADGES[row.status] ?? "default"} text={t(`screens.warehouse.count.status.${row.status}`, { defaultValue: row.status })} />,
    },
    { key: "warehouse", title: t("screens.report.warehouse"), dataIndex: "warehouse_code" },
    { key: "scope", title: t("screens.warehouse.count.scope"), render: (_, row) => scopeText(t, row.scope, row.classes) },
    {
      key: "progress", title: t("screens.warehouse.count.progress"),
      render: (_, row) => (
        <Progress
          size="small"
          percent={row.line_count ? Math.floor((row.counted_count * 100) / row.line_count) : 0}
          format={() => `${row.counted_count} / ${row.line_count}`}
          aria-label={`${t("screens.warehouse.count.progress")}: ${row.counted_count} / ${row.line_count}`}
          style={{ minWidth: 140 }}
        />
      ),
    },
    { key: "created", title: t("screens.warehouse.count.created"), render: (_, row) => `${row.created_by_name} · ${formats.dateTime(row.created_at)}` },
    { key: "submitted", title: t("screens.warehouse.count.submitted"), render: (_, row) => row.submitted_at && `${row.submitted_by_name ?? ""} · ${formats.dateTime(row.submitted_at)}` },
    { key: "posted", title: t("screens.warehouse.count.posted"), render: (_, row) => row.posted_at && `${row.posted_by_name ?? ""} · ${formats.dateTime(row.posted_at)}` },
    { key: "gain", title: t("screens.warehouse.count.totalGain"), align: "right", render: (_, row) => row.total_gain !== null && <Num value={row.total_gain} signed /> },
    { key: "loss", title: t("screens.warehouse.count.totalLoss"), align: "right", render: (_, row) => row.total_loss !== null && <Num value={row.total_loss} /> },
  ];
  const canCreate = isAllowed(roles, "POST", "/api/inventory/cycle-counts");
  return (
    <Flex vertical gap="middle">
      <ReportHeader
        title={t("screens.nav.cycleCounts")}
        onRefresh={() => void counts.refetch()}
        refreshing={counts.isFetching}
        extra={
          canCreate && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t("screens.warehouse.count.new")}
            </Button>
          )
        }
      />
      <Space wrap>
        <Select
          allowClear
          value={filters.status}
          placeholder={t("fields.status")}
          aria-label={t("fields.status")}
          onChange={(value) => set({ status: value })}
          options={COUNT_STATUSES.map((value) => ({ value, label: t(`screens.warehouse.count.status.${value}`) }))}
          style={{ minWidth: 140 }}
        />
        <WarehouseSelect value={filters.warehouse_id} onChange={(value) => set({ warehouse_id: value })} />
        <Select
          allowClear
          value={filters.scope}
          placeholder={t("screens.warehouse.count.scope")}
          aria-label={t("screens.warehouse.count.scope")}
          onChange={(value) => set({ scope: value })}
          options={COUNT_SCOPES.map((value) => ({ value, label: t(`screens.warehouse.count.scopes.${value}`) }))}
          style={{ minWidth: 140 }}
        />
      </Space>
      {counts.isError ? (
        <ErrorNotice error={counts.error} onRetry={() => void counts.refetch()} />
      ) : (
        <Table<Row>
          size="middle"
          rowKey="id"
          columns={columns}
          dataSource={counts.data?.rows ?? []}
          loading={counts.isFetching}
          scroll={{ x: "max-content" }}
          pagination={tablePagination({ page, pageSize }, counts.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }))}
        />
      )}
      {canCreate && <NewCount open={creating} onClose={() => setCreating(false)} />}
    </Flex>
  );
}

export default function CycleCountsPage() {
  return (
    <Routes>
      <Route index element={<CountList />} />
      <Route path=":countId" element={<CountSheetPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
