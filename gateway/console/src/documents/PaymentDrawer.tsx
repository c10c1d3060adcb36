/**
 * Recording a payment (to a supplier, from a customer) for the open invoices of a document: the amount per
 * invoice, the payment's total as their exact sum, a reference. Accounting only; the caller decides.
 */
import { App, Button, Drawer, Flex, Input, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../api/problem";
import { allocationBody, allocationProblems, allocationTotal, initialAllocations, isBlankAllocation, type AllocationRow, type OpenInvoice } from "./allocations";
import { Cell } from "./CellMessages";
import { DocumentError } from "./DocumentError";
import { Amount } from "./DocumentParts";
import { errorsOnGrid, prepareLines } from "./draftLines";
import { fieldErrorsOf, withoutField } from "./fieldErrors";
import { useSubmission } from "./useSubmission";
import { formatDate } from "../lists/display";
import { useLanguage } from "../i18n/LanguageProvider";

export interface PaymentRequest {
  amount: string;
  reference: string | null;
  allocations: { invoice_id: string; amount: string }[];
}

export function PaymentDrawer<Payment extends { number?: string }>({ title, invoices, open, onClose, pay, onPaid }: {
  title: string;
  invoices: OpenInvoice[];
  open: boolean;
  onClose(): void;
  pay(request: PaymentRequest, idempotencyKey: string): Promise<Payment>;
  onPaid(payment: Payment): void;
}) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [rows, setRows] = useState<AllocationRow[]>(() => initialAllocations(invoices));
  const [reference, setReference] = useState("");
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const submission = useSubmission<Payment>();
  const problems = allocationProblems(rows, invoices);
  const total = allocationTotal(rows);

  function messages(index: number): string[] {
    const own = problems[`allocations.${index}.amount`];
    return [...(own && attempted ? [t(`documents.entry.${own}`, { places: 2 })] : []), ...(serverErrors[`allocations.${index}.amount`] ?? []), ...(serverErrors[`allocations.${index}.invoice_id`] ?? [])];
  }

  async function record() {
    setAttempted(true);
    const prepared = prepareLines(rows, allocationBody, isBlankAllocation);
    if (prepared.lines.length === 0) {
      message.warning(t("documents.payment.nothing"));
      return;
    }
    if (Object.keys(problems).length > 0) return;
    const payment = await submission.run((key) =>
      pay({ amount: total, reference: reference.trim() || null, allocations: prepared.lines }, key).catch((error) => {
        setServerErrors(errorsOnGrid(fieldErrorsOf(error), prepared.gridIndexOf, "allocations"));
        throw error;
      }),
    );
    if (payment) {
      message.success(t("documents.payment.recorded", { number: payment.number }));
      onPaid(payment);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={720}
      title={title}
      destroyOnHidden
      extra={
        <Button type="primary" loading={submission.saving} onClick={() => void record()} data-action="record-payment">
          {t("documents.payment.record")}
        </Button>
      }
    >
      <Flex vertical gap="middle" data-form="payment">
        <Table<AllocationRow>
          rowKey="invoiceId"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { key: "number", title: t("documents.payment.invoice"), render: (_, __, index) => invoices[index].number },
            { key: "due", title: t("documents.invoice.dueDate"), render: (_, __, index) => formatDate(invoices[index].dueDate, language, false) },
            { key: "open", title: t("documents.payment.open"), align: "right", render: (_, __, index) => <Amount value={invoices[index].openAmount} /> },
            {
              key: "amount",
              title: t("documents.payment.amount"),
              width: 160,
              render: (_, row, index) => (
                <Cell path={`allocations.${index}.amount`} messages={messages(index)}>
                  {(state) => (
                    <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.amount}
                      aria-label={t("documents.payment.amountLabel", { invoice: invoices[index].number })}
                      onChange={(event) => {
                        setRows(rows.map((other, position) => (position === index ? { ...other, amount: event.target.value } : other)));
                        setServerErrors(withoutField(serverErrors, `allocations.${index}.amount`));
                      }} />
                  )}
                </Cell>
              ),
            },
          ]}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={3}>
                {t("documents.payment.total")}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong data-total="payment">
                  <Amount value={total} />
                </strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        <div>
          <Typography.Text>{t("documents.payment.reference")}</Typography.Text>
          <Input value={reference} maxLength={100} onChange={(event) => setReference(event.target.value)} aria-label={t("documents.payment.reference")} />
        </div>
        {submission.error !== null && <DocumentError error={submission.error} shownAt={(path) => /^allocations\.\d+\./.test(path)} onRetry={() => void record()} />}
      </Flex>
    </Drawer>
  );
}
