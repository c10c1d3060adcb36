/**
 * Entering the supplier's invoice against a purchase order (accounting or purchasing). Payables matches it
 * three ways (PO price, accepted quantity, invoiced quantity and price): within tolerance it is posted at
 * once, otherwise it waits as an exception; the drawer shows that answer line by line.
 */
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Table, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/problem";
import { useAuth } from "../../auth/AuthProvider";
import { Cell } from "../../documents/CellMessages";
import { DocumentError } from "../../documents/DocumentError";
import { Amount, Quantity } from "../../documents/DocumentParts";
import { errorsOnGrid, prepareLines } from "../../documents/draftLines";
import { fieldErrorsOf, withoutField } from "../../documents/fieldErrors";
import { isoDate } from "../../documents/OrderForm";
import type { PurchaseOrder, SupplierInvoice } from "../../documents/types";
import { useSubmission } from "../../documents/useSubmission";
import {
  initialInvoiceRows, invoiceLineBody, invoiceProblems, invoiceRowAmount, invoiceTotal, isBlankInvoiceRow, priceDifference, type InvoiceRow,
} from "./invoiceLines";
import { purchasing } from "./purchasingApi";

interface Header {
  supplier_invoice_ref: string;
  invoice_date: Dayjs;
  due_date: Dayjs | null;
}

export function MatchResult({ invoice, order }: { invoice: SupplierInvoice; order: PurchaseOrder }) {
  const { t } = useTranslation();
  const lineNo = (poLineId: string | null | undefined) => order.lines?.find((line) => line.id === poLineId)?.line_no;
  const exceptions = invoice.exceptions ?? [];
  const type = invoice.status === "exception" ? "warning" : invoice.status === "rejected" ? "error" : "success";
  return (
    <Alert
      type={type}
      showIcon
      data-match={invoice.status}
      title={t(`documents.invoice.match.${invoice.status}`, { number: invoice.number, defaultValue: invoice.status })}
      description={
        exceptions.length > 0 ? (
          <ul className="erp-field-errors">
            {exceptions.map((exception, index) => (
              <li key={index}>
                {exception.po_line_id ? `${t("documents.invoice.poLine", { line: lineNo(exception.po_line_id) ?? "?" })} · ` : ""}
                {t(`documents.invoice.exceptionKind.${exception.kind}`, { defaultValue: exception.kind })}: {exception.detail}
              </li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

export function SupplierInvoiceDrawer({ order, open, onClose, onEntered }: { order: PurchaseOrder; open: boolean; onClose(): void; onEntered(invoice: SupplierInvoice): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { message } = App.useApp();
  const lines = order.lines ?? [];
  const [form] = Form.useForm<Header>();
  const [rows, setRows] = useState<InvoiceRow[]>(() => initialInvoiceRows(lines));
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [entered, setEntered] = useState<SupplierInvoice | null>(null);
  const submission = useSubmission<SupplierInvoice>();
  const problems = invoiceProblems(rows);

  function change(index: number, next: InvoiceRow, field: string) {
    setRows(rows.map((row, position) => (position === index ? next : row)));
    setServerErrors(withoutField(serverErrors, `lines.${index}.${field}`));
  }

  function messages(index: number, field: string): string[] {
    const own = problems[`lines.${index}.${field}`];
    return [...(own && attempted ? [t(`documents.entry.${own}`, { places: 4 })] : []), ...(serverErrors[`lines.${index}.${field}`] ?? [])];
  }

  async function enter() {
    setAttempted(true);
    let header: Header;
    try {
      header = await form.validateFields();
    } catch {
      return;
    }
    const prepared = prepareLines(rows, invoiceLineBody, isBlankInvoiceRow);
    if (prepared.lines.length === 0) {
      message.warning(t("documents.invoice.nothing"));
      return;
    }
    if (Object.keys(problems).length > 0) return;
    const body = {
      supplier_id: order.supplier_id ?? "",
      purchase_order_id: order.id ?? "",
      supplier_invoice_ref: header.supplier_invoice_ref.trim(),
      invoice_date: isoDate(header.invoice_date) ?? "",
      due_date: isoDate(header.due_date),
      lines: prepared.lines,
    };
    const invoice = await submission.run((key) =>
      purchasing.enterInvoice(api, body, key).catch((error) => {
        const errors = errorsOnGrid(fieldErrorsOf(error), prepared.gridIndexOf);
        setServerErrors(errors);
        form.setFields(["supplier_invoice_ref", "invoice_date", "due_date"].filter((name) => errors[name]).map((name) => ({ name: name as keyof Header, errors: errors[name] })));
        throw error;
      }),
    );
    if (invoice) {
      setEntered(invoice);
      onEntered(invoice);
    }
  }

  const columns = [
    { key: "line", title: "#", width: 44, render: (_: unknown, __: InvoiceRow, index: number) => lines[index].line_no },
    { key: "item", title: t("documents.grid.item"), render: (_: unknown, __: InvoiceRow, index: number) => `${lines[index].item_code ?? ""} ${lines[index].item_name ?? ""}` },
    { key: "accepted", title: t("documents.po.accepted"), align: "right" as const, render: (_: unknown, __: InvoiceRow, index: number) => <Quantity value={lines[index].quantity_accepted} /> },
    { key: "invoiced", title: t("documents.po.invoiced"), align: "right" as const, render: (_: unknown, __: InvoiceRow, index: number) => <Quantity value={lines[index].quantity_invoiced} /> },
    {
      key: "quantity",
      title: t("documents.grid.quantity"),
      width: 130,
      render: (_: unknown, row: InvoiceRow, index: number) => (
        <Cell path={`lines.${index}.quantity`} messages={messages(index, "quantity")}>
          {(state) => (
            <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.quantity} disabled={entered !== null}
              aria-label={t("documents.grid.cellLabel.quantity", { line: lines[index].line_no })}
              onChange={(event) => change(index, { ...row, quantity: event.target.value }, "quantity")} />
          )}
        </Cell>
      ),
    },
    {
      key: "unit_price",
      title: t("documents.grid.unitPrice"),
      width: 130,
      render: (_: unknown, row: InvoiceRow, index: number) => (
        <Cell path={`lines.${index}.unit_price`} messages={messages(index, "unit_price")}>
          {(state) => (
            <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.unitPrice} disabled={entered !== null}
              aria-label={t("documents.grid.cellLabel.unit_price", { line: lines[index].line_no })}
              onChange={(event) => change(index, { ...row, unitPrice: event.target.value }, "unit_price")} />
          )}
        </Cell>
      ),
    },
    {
      key: "difference",
      title: t("documents.invoice.priceDifference"),
      align: "right" as const,
      render: (_: unknown, row: InvoiceRow, index: number) => {
        const difference = priceDifference(row, lines[index].unit_price);
        return difference && difference.replace(/[-0.]/g, "") !== "" ? <Typography.Text type="warning"><Quantity value={difference} /></Typography.Text> : "";
      },
    },
    { key: "amount", title: t("documents.grid.amount"), align: "right" as const, render: (_: unknown, row: InvoiceRow) => (isBlankInvoiceRow(row) ? "" : <Amount value={invoiceRowAmount(row)} />) },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1000}
      title={t("documents.invoice.title", { number: order.number })}
      destroyOnHidden
      extra={
        entered ? (
          <Button onClick={onClose}>{t("documents.form.close")}</Button>
        ) : (
          <Button type="primary" loading={submission.saving} onClick={() => void enter()} data-action="enter-invoice">
            {t("documents.invoice.enter")}
          </Button>
        )
      }
    >
      <Flex vertical gap="middle" data-form="supplier-invoice">
        {entered && <MatchResult invoice={entered} order={order} />}
        <Form<Header> form={form} layout="inline" initialValues={{ supplier_invoice_ref: "", invoice_date: dayjs(), due_date: null }} disabled={entered !== null}>
          <Form.Item name="supplier_invoice_ref" label={t("documents.invoice.ref")} rules={[{ required: true, whitespace: true, message: t("documents.entry.required") }]}>
            <Input maxLength={60} aria-label={t("documents.invoice.ref")} />
          </Form.Item>
          <Form.Item name="invoice_date" label={t("documents.invoice.date")} rules={[{ required: true, message: t("documents.entry.required") }]}>
            <DatePicker allowClear={false} aria-label={t("documents.invoice.date")} />
          </Form.Item>
          <Form.Item name="due_date" label={t("documents.invoice.dueDate")} tooltip={t("documents.invoice.dueDateHint")}>
            <DatePicker aria-label={t("documents.invoice.dueDate")} />
          </Form.Item>
        </Form>
        <Table<InvoiceRow>
          rowKey="poLineId"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={rows}
          scroll={{ x: "max-content" }}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0} colSpan={columns.length - 1}>
                {t("documents.grid.documentTotal")}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                <strong data-total="total">
                  <Amount value={invoiceTotal(rows)} />
                </strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )}
        />
        {submission.error !== null && (
          <DocumentError error={submission.error} shownAt={(path) => /^lines\.\d+\./.test(path) || ["supplier_invoice_ref", "invoice_date", "due_date"].includes(path)} onRetry={() => void enter()} />
        )}
      </Flex>
    </Drawer>
  );
}
