/** Invoicing a sales order: the service bills everything delivered and not yet invoiced, tax per line. */
import { Alert, DatePicker, Form, Modal } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { DocumentError } from "../../documents/DocumentError";
import { isoDate } from "../../documents/OrderForm";
import type { CustomerInvoice, SalesOrder } from "../../documents/types";
import { useSubmission } from "../../documents/useSubmission";
import { selling } from "./salesApi";

export function InvoiceModal({ order, open, onClose, onInvoiced }: { order: SalesOrder; open: boolean; onClose(): void; onInvoiced(invoice: CustomerInvoice): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [form] = Form.useForm<{ invoice_date: Dayjs; due_date: Dayjs | null }>();
  const submission = useSubmission<CustomerInvoice>();

  async function invoice() {
    const values = await form.validateFields();
    const result = await submission.run((key) => selling.invoice(api, order.id ?? "", { invoice_date: isoDate(values.invoice_date), due_date: isoDate(values.due_date) }, key));
    if (result) onInvoiced(result);
  }

  return (
    <Modal
      open={open}
      title={t("documents.so.invoiceTitle", { number: order.number })}
      okText={t("documents.so.action.invoice")}
      okButtonProps={{ loading: submission.saving }}
      cancelText={t("documents.form.back")}
      onOk={() => void invoice()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t("documents.so.invoiceHint")} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" initialValues={{ invoice_date: dayjs(), due_date: null }}>
        <Form.Item name="invoice_date" label={t("documents.invoice.date")} rules={[{ required: true, message: t("documents.entry.required") }]}>
          <DatePicker allowClear={false} aria-label={t("documents.invoice.date")} />
        </Form.Item>
        <Form.Item name="due_date" label={t("documents.invoice.dueDate")} tooltip={t("documents.so.dueDateHint")}>
          <DatePicker aria-label={t("documents.invoice.dueDate")} />
        </Form.Item>
      </Form>
      {submission.error !== null && <DocumentError error={submission.error} shownAt={() => false} onRetry={() => void invoice()} />}
    </Modal>
  );
}
