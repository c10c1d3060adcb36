/**
 * The expense account each department's material issues are posted to (6200 unless set). Accounting may
 * change it; entries already posted keep theirs.
 */
import { EditOutlined } from "@ant-design/icons";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Modal, Table, Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { unwrap } from "../../api/client";
import { ApiError } from "../../api/problem";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { useReportParams } from "../../reports/params";
import { AccountSelect } from "../../reports/pickers";
import { fetchSentPage, type GetAnswer } from "../../reports/types";
import { ReportHeader, tablePagination, useFormats } from "../../reports/ui";

type Row = GetAnswer<"/api/finance/settings/department-expense-accounts">[number];

function ChangeAccount({ row, onClose }: { row: Row | null; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ account_code: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  async function save({ account_code }: { account_code: string }) {
    if (!row) return;
    setSaving(true);
    setError(null);
    try {
      await unwrap(
        api.PUT("/api/finance/settings/department-expense-accounts/{department_id}", {
          params: { path: { department_id: row.department_id } },
          body: { account_code },
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ["expense-accounts"] });
      message.success(t("screens.finance.expense.saved", { department: row.department_name, account: account_code }));
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError && caught.formFields().length > 0) form.setFields(caught.formFields() as Parameters<typeof form.setFields>[0]);
      setError(caught);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={row !== null}
      title={row ? t("screens.finance.expense.changeTitle", { department: `${row.department_code} — ${row.department_name}` }) : ""}
      okText={t("screens.finance.expense.save")}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Flex vertical gap="middle">
        <Typography.Paragraph type="secondary">{t("screens.finance.expense.help")}</Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ account_code: row?.account_code }} onFinish={(values) => void save(values)}>
          <Form.Item name="account_code" label={t("screens.finance.expense.account")} rules={[{ required: true, message: t("signIn.required") }]}>
            <AccountSelect value={undefined} onChange={() => undefined} accountType="expense" allowClear={false} />
          </Form.Item>
        </Form>
        {error !== null && <ErrorNotice error={error} />}
      </Flex>
    </Modal>
  );
}

export default function ExpenseAccountsPage() {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const formats = useFormats();
  const { set, paging } = useReportParams();
  const { page, pageSize } = paging();
  const [editing, setEditing] = useState<Row | null>(null);
  const settings = useQuery({
    queryKey: ["expense-accounts", page, pageSize],
    queryFn: () => fetchSentPage(api, "/api/finance/settings/department-expense-accounts", { page, page_size: pageSize }),
    placeholderData: keepPreviousData,
  });
  const canChange = (row: Row) => isAllowed(roles, "PUT", `/api/finance/settings/department-expense-accounts/${row.department_id}`);
  const columns: ColumnsType<Row> = [
    { key: "department", title: t("screens.warehouse.department"), render: (_, row) => `${row.department_code} — ${row.department_name}` },
    {
      key: "account", title: t("screens.finance.expense.account"),
      render: (_, row) => (
        <>
          {[row.account_code, row.account_name].filter(Boolean).join(" — ")} {row.is_default && <Tag>{t("screens.finance.expense.default")}</Tag>}
        </>
      ),
    },
    { key: "updated", title: t("fields.updatedAt"), render: (_, row) => row.updated_at && `${row.updated_by ?? ""} · ${formats.dateTime(row.updated_at)}` },
    {
      key: "actions", title: "",
      render: (_, row) =>
        canChange(row) && (
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(row)}>
            {t("screens.finance.expense.change")}
          </Button>
        ),
    },
  ];
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.expenseAccounts")} onRefresh={() => void settings.refetch()} refreshing={settings.isFetching} />
      <Typography.Text type="secondary">{t("screens.finance.expense.intro")}</Typography.Text>
      {settings.isError ? (
        <ErrorNotice error={settings.error} onRetry={() => void settings.refetch()} />
      ) : (
        <Table<Row>
          size="middle"
          rowKey="department_id"
          columns={columns}
          dataSource={settings.data?.rows ?? []}
          loading={settings.isFetching}
          scroll={{ x: "max-content" }}
          pagination={tablePagination({ page, pageSize }, settings.data?.pagination.total ?? 0, set, (total) => t("list.total", { total }))}
        />
      )}
      <ChangeAccount row={editing} onClose={() => setEditing(null)} />
    </Flex>
  );
}
