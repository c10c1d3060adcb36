/** Asks why (cancelling an order, rejecting an invoice): the services refuse a blank or padded reason. */
import { Button, Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";

export function ReasonModal({ open, title, okText, pending, onOk, onCancel, maxLength = 1000 }: {
  open: boolean;
  title: string;
  okText: string;
  pending: boolean;
  onOk(reason: string): void;
  onCancel(): void;
  maxLength?: number;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger: true, loading: pending, "data-action": "confirm-reason" } as React.ComponentProps<typeof Button>}
      cancelText={t("documents.form.back")}
      onCancel={onCancel}
      onOk={() => void form.validateFields().then((values) => onOk(values.reason.trim()))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t("documents.form.reason")} rules={[{ required: true, whitespace: true, message: t("documents.entry.required") }]}>
          <Input.TextArea autoFocus rows={2} maxLength={maxLength} aria-label={t("documents.form.reason")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
