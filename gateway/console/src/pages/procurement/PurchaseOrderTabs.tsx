/** The tables on a purchase order's page: its lines, receipts, supplier invoices and payments. */
import { App, Button, Flex, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { Amount, Quantity } from "../../documents/DocumentParts";
import { PaymentsTable } from "../../documents/PaymentsTable";
import { useKeyboardScroll } from "../../documents/keyboardScroll";
import { ReasonModal } from "../../documents/ReasonModal";
import type { GoodsReceipt, PurchaseOrder, PurchaseOrderLine, SupplierInvoice, SupplierPayment } from "../../documents/types";
import { describeError } from "../../errors/ErrorNotice";
import { useLanguage } from "../../i18n/LanguageProvider";
import { formatDate } from "../../lists/display";
import { purchasing } from "./purchasingApi";
import { MatchResult } from "./SupplierInvoiceDrawer";

export function OrderLinesTable({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const wrapper = useKeyboardScroll(t("documents.tabs.lines"));
  return (
    <div ref={wrapper}>
      <Table<PurchaseOrderLine>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={order.lines ?? []}
        data-table="order-lines"
        columns={[
          { key: "no", title: "#", dataIndex: "line_no", width: 44 },
          { key: "item", title: t("documents.grid.item"), render: (_, line) => <>{line.item_code} <Typography.Text type="secondary">{line.item_name}</Typography.Text></> },
          { key: "quantity", title: t("documents.grid.quantity"), align: "right", render: (_, line) => <Quantity value={line.quantity} unit={line.unit} /> },
          { key: "price", title: t("documents.grid.unitPrice"), align: "right", render: (_, line) => <Quantity value={line.unit_price} /> },
          { key: "amount", title: t("documents.grid.amount"), align: "right", render: (_, line) => <Amount value={line.line_amount} /> },
          { key: "expected", title: t("documents.po.expectedDate"), render: (_, line) => formatDate(line.expected_date, language, false) },
          { key: "received", title: t("documents.po.received"), align: "right", render: (_, line) => <Quantity value={line.quantity_received} /> },
          { key: "accepted", title: t("documents.po.accepted"), align: "right", render: (_, line) => <Quantity value={line.quantity_accepted} /> },
          { key: "rejected", title: t("documents.po.rejected"), align: "right", render: (_, line) => <Quantity value={line.quantity_rejected} /> },
          { key: "invoiced", title: t("documents.po.invoiced"), align: "right", render: (_, line) => <Quantity value={line.quantity_invoiced} /> },
          { key: "open", title: t("documents.po.open"), align: "right", render: (_, line) => <Quantity value={line.open_quantity} /> },
          {
            key: "overdue",
            title: t("documents.po.overdue"),
            align: "right",
            render: (_, line) => (line.days_overdue ? <Tag color="red">{t("documents.po.daysOverdue", { count: line.days_overdue })}</Tag> : ""),
          },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              {t("documents.grid.documentTotal")}
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-total="order">
                <Amount value={order.total_amount} />
              </strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} colSpan={7} />
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

type ReceiptLine = NonNullable<GoodsReceipt["lines"]>[number];

export function ReceiptsTable({ receipts, order }: { receipts: GoodsReceipt[]; order: PurchaseOrder }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const lineNo = (id?: string) => order.lines?.find((line) => line.id === id)?.line_no;
  return (
    <Table<GoodsReceipt>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={receipts}
      data-table="receipts"
      expandable={{
        defaultExpandAllRows: true,
        expandedRowRender: (receipt) => (
          <Table<ReceiptLine>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={receipt.lines ?? []}
            columns={[
              { key: "line", title: "#", render: (_, line) => lineNo(line.po_line_id) },
              { key: "item", title: t("documents.grid.item"), render: (_, line) => `${line.item_code ?? ""} ${line.item_name ?? ""}` },
              { key: "warehouse", title: t("documents.grid.warehouse"), dataIndex: "warehouse_code" },
              { key: "batch", title: t("documents.receive.batch"), dataIndex: "batch_no" },
              { key: "received", title: t("documents.receive.received"), align: "right", render: (_, line) => <Quantity value={line.quantity_received} /> },
              { key: "accepted", title: t("documents.receive.accepted"), align: "right", render: (_, line) => <Quantity value={line.quantity_accepted} /> },
              { key: "rejected", title: t("documents.receive.rejected"), align: "right", render: (_, line) => <Quantity value={line.quantity_rejected} /> },
              { key: "amount", title: t("documents.receive.acceptedAmount"), align: "right", render: (_, line) => <Amount value={line.accepted_amount} /> },
              { key: "late", title: t("documents.po.overdue"), align: "right", render: (_, line) => (line.days_late ? <Tag color="orange">{t("documents.receive.daysLate", { count: line.days_late })}</Tag> : "") },
            ]}
          />
        ),
      }}
      columns={[
        { key: "number", title: t("fields.number"), dataIndex: "number" },
        { key: "at", title: t("documents.receive.receivedAt"), render: (_, receipt) => formatDate(receipt.received_at, language, true) },
        { key: "by", title: t("documents.history.who"), dataIndex: "received_by" },
        { key: "amount", title: t("documents.receive.acceptedAmount"), align: "right", render: (_, receipt) => <Amount value={receipt.total_accepted_amount} /> },
        { key: "late", title: t("documents.po.overdue"), render: (_, receipt) => (receipt.late ? <Tag color="orange">{t("documents.receive.late")}</Tag> : "") },
        { key: "notes", title: t("documents.form.notes"), dataIndex: "notes" },
      ]}
    />
  );
}

const INVOICE_COLORS: Record<string, string> = { posted: "blue", paid: "green", exception: "orange", rejected: "red" };
type InvoiceLine = NonNullable<SupplierInvoice["lines"]>[number];

export function SupplierInvoicesTable({ invoices, order, onChanged }: { invoices: SupplierInvoice[]; order: PurchaseOrder; onChanged(): void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { api, roles, session } = useAuth();
  const { message } = App.useApp();
  const [pending, setPending] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<SupplierInvoice | null>(null);
  const lineNo = (id?: string) => order.lines?.find((line) => line.id === id)?.line_no;

  async function decide(invoice: SupplierInvoice, decision: { approve: true } | { reason: string }) {
    if (pending) return;
    setPending(invoice.id ?? "");
    try {
      const result = await purchasing.decideInvoice(api, invoice.id ?? "", decision);
      message.success(t(`documents.invoice.match.${result.status}`, { number: result.number, defaultValue: result.status }));
      setRejecting(null);
      onChanged();
    } catch (error) {
      message.error(describeError(t, error));
    } finally {
      setPending(null);
    }
  }

  return (
    <>
      <Table<SupplierInvoice>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={invoices}
        data-table="supplier-invoices"
        expandable={{
          defaultExpandAllRows: true,
          expandedRowRender: (invoice) => (
            <Flex vertical gap="small">
              <MatchResult invoice={invoice} order={order} />
              <Table<InvoiceLine>
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={invoice.lines ?? []}
                columns={[
                  { key: "line", title: "#", render: (_, line) => lineNo(line.po_line_id) },
                  { key: "quantity", title: t("documents.grid.quantity"), align: "right", render: (_, line) => <Quantity value={line.quantity} /> },
                  { key: "price", title: t("documents.grid.unitPrice"), align: "right", render: (_, line) => <Quantity value={line.unit_price} /> },
                  { key: "po_price", title: t("documents.invoice.poPrice"), align: "right", render: (_, line) => <Quantity value={line.po_unit_price} /> },
                  { key: "amount", title: t("documents.grid.amount"), align: "right", render: (_, line) => <Amount value={line.amount} /> },
                  { key: "grni", title: t("documents.invoice.grni"), align: "right", render: (_, line) => <Amount value={line.grni_amount} /> },
                  { key: "variance", title: t("documents.invoice.variance"), align: "right", render: (_, line) => <Amount value={line.price_variance} /> },
                ]}
              />
            </Flex>
          ),
        }}
        columns={[
          { key: "number", title: t("fields.number"), dataIndex: "number" },
          { key: "ref", title: t("documents.invoice.ref"), dataIndex: "supplier_invoice_ref" },
          { key: "date", title: t("documents.invoice.date"), render: (_, invoice) => formatDate(invoice.invoice_date, language, false) },
          { key: "due", title: t("documents.invoice.dueDate"), render: (_, invoice) => formatDate(invoice.due_date, language, false) },
          {
            key: "status",
            title: t("fields.status"),
            render: (_, invoice) => <Tag color={INVOICE_COLORS[invoice.status ?? ""]}>{t(`documents.invoice.status.${invoice.status}`, { defaultValue: invoice.status })}</Tag>,
          },
          { key: "total", title: t("fields.totalAmount"), align: "right", render: (_, invoice) => <Amount value={invoice.total_amount} /> },
          { key: "paid", title: t("documents.invoice.paid"), align: "right", render: (_, invoice) => <Amount value={invoice.amount_paid} /> },
          { key: "open", title: t("documents.payment.open"), align: "right", render: (_, invoice) => <Amount value={invoice.open_amount} /> },
          {
            key: "decide",
            render: (_, invoice) => {
              if (invoice.status !== "exception") return null;
              const own = invoice.entered_by === session?.claims.sub;
              return (
                <Space>
                  {isAllowed(roles, "POST", `/api/procurement/supplier-invoices/${invoice.id}/approve`) && (
                    <Button size="small" disabled={own} title={own ? t("documents.actions.ownDocument") : undefined} loading={pending === invoice.id}
                      onClick={() => void decide(invoice, { approve: true })} data-action="approve-invoice">
                      {t("documents.invoice.approve")}
                    </Button>
                  )}
                  {isAllowed(roles, "POST", `/api/procurement/supplier-invoices/${invoice.id}/reject`) && (
                    <Button size="small" danger onClick={() => setRejecting(invoice)} data-action="reject-invoice">
                      {t("documents.invoice.reject")}
                    </Button>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <ReasonModal
        open={rejecting !== null}
        title={t("documents.invoice.rejectTitle", { number: rejecting?.number })}
        okText={t("documents.invoice.reject")}
        pending={pending !== null}
        onCancel={() => setRejecting(null)}
        onOk={(reason) => rejecting && void decide(rejecting, { reason })}
      />
    </>
  );
}

export function SupplierPaymentsTable({ payments, invoiceIds, truncated }: { payments: SupplierPayment[]; invoiceIds: ReadonlySet<string>; truncated: boolean }) {
  return (
    <PaymentsTable
      payments={payments}
      invoiceIds={invoiceIds}
      truncated={truncated}
      name="supplier-payments"
      date={{ titleKey: "documents.payment.paidAt", of: (payment) => payment.paid_at }}
    />
  );
}
