/** The tables on a sales order's page: lines with their reservation, deliveries (and returns), invoices (and credit notes), payments. */
import { Button, Flex, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { Amount, Quantity } from "../../documents/DocumentParts";
import { PaymentsTable } from "../../documents/PaymentsTable";
import { useKeyboardScroll } from "../../documents/keyboardScroll";
import { PdfButton } from "../../documents/PdfButton";
import type { CreditNote, CustomerInvoice, CustomerPayment, Delivery, GoodsReturn, SalesOrder, SalesOrderLine } from "../../documents/types";
import { useLanguage } from "../../i18n/LanguageProvider";
import { formatDate } from "../../lists/display";
import { reservationState, type ReservationState } from "./salesOrderLifecycle";

const RESERVATION_COLORS: Record<ReservationState, string> = {
  none: "default", waiting: "processing", reserved: "green", partial: "orange", backordered: "red", delivered: "blue",
};

export function SalesLinesTable({ order }: { order: SalesOrder }) {
  const { t } = useTranslation();
  const wrapper = useKeyboardScroll(t("documents.tabs.lines"));
  return (
    <div ref={wrapper}>
      <Table<SalesOrderLine>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: "max-content" }}
        dataSource={order.lines ?? []}
        data-table="order-lines"
        columns={[
          { key: "no", title: "#", dataIndex: "line_no", width: 44 },
          { key: "item", title: t("documents.grid.item"), render: (_, line) => <>{line.item_code} <Typography.Text type="secondary">{line.item_name}</Typography.Text></> },
          { key: "warehouse", title: t("documents.grid.warehouse"), dataIndex: "warehouse_code" },
          { key: "quantity", title: t("documents.grid.quantity"), align: "right", render: (_, line) => <Quantity value={line.quantity} unit={line.unit} /> },
          { key: "price", title: t("documents.grid.unitPrice"), align: "right", render: (_, line) => <Quantity value={line.unit_price} /> },
          { key: "discount", title: t("documents.grid.discount"), align: "right", render: (_, line) => <Quantity value={line.discount_pct} /> },
          { key: "rate", title: t("documents.grid.taxRate"), align: "right", render: (_, line) => <Quantity value={line.tax_rate} /> },
          { key: "net", title: t("documents.grid.net"), align: "right", render: (_, line) => <Amount value={line.net_amount} /> },
          { key: "tax", title: t("documents.grid.tax"), align: "right", render: (_, line) => <Amount value={line.tax_amount} /> },
          {
            key: "reservation",
            title: t("documents.so.reservation"),
            render: (_, line) => {
              const state = reservationState(order.status, line);
              return (
                <Tag color={RESERVATION_COLORS[state]} data-reservation={state}>
                  {t(`documents.so.reservationState.${state}`)}
                </Tag>
              );
            },
          },
          { key: "reserved", title: t("documents.so.reserved"), align: "right", render: (_, line) => <Quantity value={line.quantity_reserved} /> },
          { key: "backordered", title: t("documents.so.backordered"), align: "right", render: (_, line) => <Quantity value={line.quantity_backordered} /> },
          { key: "delivered", title: t("documents.so.delivered"), align: "right", render: (_, line) => <Quantity value={line.quantity_delivered} /> },
          { key: "deliverable", title: t("documents.so.deliverable"), align: "right", render: (_, line) => <Quantity value={line.quantity_deliverable} /> },
          { key: "invoiced", title: t("documents.po.invoiced"), align: "right", render: (_, line) => <Quantity value={line.quantity_invoiced} /> },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={7}>
              {t("documents.grid.documentTotal")}: <strong data-total="order"><Amount value={order.total_amount} /></strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1} align="right">
              <strong data-total="net"><Amount value={order.net_total} /></strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right">
              <strong data-total="tax"><Amount value={order.tax_total} /></strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={3} colSpan={6} />
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

type DeliveryLine = NonNullable<Delivery["lines"]>[number];
type ReturnLine = NonNullable<GoodsReturn["lines"]>[number];

export function DeliveriesTable({ deliveries, returnsOf, onReturn }: { deliveries: Delivery[]; returnsOf(id: string): GoodsReturn[]; onReturn(delivery: Delivery): void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { roles } = useAuth();
  return (
    <Table<Delivery>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={deliveries}
      data-table="deliveries"
      expandable={{
        defaultExpandAllRows: true,
        expandedRowRender: (delivery) => (
          <Flex vertical gap="small">
            <Table<DeliveryLine>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={delivery.lines ?? []}
              columns={[
                { key: "no", title: "#", dataIndex: "line_no" },
                { key: "item", title: t("documents.grid.item"), render: (_, line) => `${line.item_code ?? ""} ${line.item_name ?? ""}` },
                { key: "warehouse", title: t("documents.grid.warehouse"), dataIndex: "warehouse_code" },
                { key: "quantity", title: t("documents.grid.quantity"), align: "right", render: (_, line) => <Quantity value={line.quantity} unit={line.unit} /> },
                { key: "returned", title: t("documents.so.returned"), align: "right", render: (_, line) => <Quantity value={line.quantity_returned} /> },
                { key: "cost", title: t("documents.so.cost"), align: "right", render: (_, line) => (line.cost ? <Amount value={line.cost} /> : <Typography.Text type="secondary">{t("documents.so.costPending")}</Typography.Text>) },
              ]}
            />
            {returnsOf(delivery.id ?? "").map((goodsReturn) => (
              <div key={goodsReturn.id} data-return={goodsReturn.number}>
                <Typography.Text strong>{goodsReturn.number}</Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {formatDate(goodsReturn.returned_at, language, true)} · {goodsReturn.returned_by} · {goodsReturn.reason}
                </Typography.Text>
                <ul className="erp-field-errors">
                  {(goodsReturn.lines ?? []).map((line: ReturnLine) => (
                    <li key={line.id}>
                      {line.item_code} <Quantity value={line.quantity} unit={line.unit} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </Flex>
        ),
      }}
      columns={[
        { key: "number", title: t("fields.number"), dataIndex: "number" },
        { key: "at", title: t("documents.so.deliveredAt"), render: (_, delivery) => formatDate(delivery.delivered_at, language, true) },
        { key: "by", title: t("documents.history.who"), dataIndex: "delivered_by" },
        { key: "cost", title: t("documents.so.cost"), align: "right", render: (_, delivery) => (delivery.total_cost ? <Amount value={delivery.total_cost} /> : <Typography.Text type="secondary">{t("documents.so.costPending")}</Typography.Text>) },
        {
          key: "actions",
          render: (_, delivery) => (
            <Space>
              <PdfButton size="small" path="/api/sales/deliveries/{delivery_id}/pdf" params={{ delivery_id: delivery.id ?? "" }} fileName={`${delivery.number}.pdf`} label={t("documents.so.deliveryNote")} />
              {isAllowed(roles, "POST", `/api/sales/deliveries/${delivery.id}/returns`) && (
                <Button size="small" onClick={() => onReturn(delivery)} data-action="return">
                  {t("documents.so.action.return")}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

type InvoiceLine = NonNullable<CustomerInvoice["lines"]>[number];

export function CustomerInvoicesTable({ invoices, creditNotesOf, onCredit }: { invoices: CustomerInvoice[]; creditNotesOf(id: string): CreditNote[]; onCredit(invoice: CustomerInvoice): void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { roles } = useAuth();
  return (
    <Table<CustomerInvoice>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={invoices}
      data-table="customer-invoices"
      expandable={{
        defaultExpandAllRows: true,
        expandedRowRender: (invoice) => (
          <Flex vertical gap="small">
            <Table<InvoiceLine>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={invoice.lines ?? []}
              columns={[
                { key: "no", title: "#", dataIndex: "line_no" },
                { key: "item", title: t("documents.grid.item"), render: (_, line) => `${line.item_code ?? ""} ${line.item_name ?? ""}` },
                { key: "quantity", title: t("documents.grid.quantity"), align: "right", render: (_, line) => <Quantity value={line.quantity} /> },
                { key: "price", title: t("documents.grid.unitPrice"), align: "right", render: (_, line) => <Quantity value={line.unit_price} /> },
                { key: "discount", title: t("documents.grid.discount"), align: "right", render: (_, line) => <Quantity value={line.discount_pct} /> },
                { key: "net", title: t("documents.grid.net"), align: "right", render: (_, line) => <Amount value={line.net_amount} /> },
                { key: "rate", title: t("documents.grid.taxRate"), align: "right", render: (_, line) => <Quantity value={line.tax_rate} /> },
                { key: "tax", title: t("documents.grid.tax"), align: "right", render: (_, line) => <Amount value={line.tax_amount} /> },
              ]}
            />
            {creditNotesOf(invoice.id ?? "").map((note) => (
              <div key={note.id} data-credit-note={note.number}>
                <Typography.Text strong>{note.number}</Typography.Text>{" "}
                <Typography.Text type="secondary">
                  {formatDate(note.credit_date, language, false)} · {note.issued_by} · {note.reason} ·{" "}
                </Typography.Text>
                <Amount value={note.total_amount} />
              </div>
            ))}
          </Flex>
        ),
      }}
      columns={[
        { key: "number", title: t("fields.number"), dataIndex: "number" },
        { key: "date", title: t("documents.invoice.date"), render: (_, invoice) => formatDate(invoice.invoice_date, language, false) },
        { key: "due", title: t("documents.invoice.dueDate"), render: (_, invoice) => formatDate(invoice.due_date, language, false) },
        { key: "status", title: t("fields.status"), render: (_, invoice) => <Tag color={invoice.status === "paid" ? "green" : "blue"}>{t(`documents.so.invoiceStatus.${invoice.status}`, { defaultValue: invoice.status })}</Tag> },
        { key: "net", title: t("documents.grid.net"), align: "right", render: (_, invoice) => <Amount value={invoice.net_total} /> },
        { key: "tax", title: t("documents.grid.tax"), align: "right", render: (_, invoice) => <Amount value={invoice.tax_total} /> },
        { key: "total", title: t("fields.totalAmount"), align: "right", render: (_, invoice) => <Amount value={invoice.total_amount} /> },
        { key: "paid", title: t("documents.invoice.paid"), align: "right", render: (_, invoice) => <Amount value={invoice.amount_paid} /> },
        { key: "credited", title: t("documents.so.credited"), align: "right", render: (_, invoice) => <Amount value={invoice.amount_credited} /> },
        { key: "open", title: t("documents.payment.open"), align: "right", render: (_, invoice) => <Amount value={invoice.open_amount} /> },
        {
          key: "actions",
          render: (_, invoice) =>
            isAllowed(roles, "POST", `/api/sales/invoices/${invoice.id}/credit-notes`) && invoice.status !== "paid" ? (
              <Button size="small" onClick={() => onCredit(invoice)} data-action="credit-note">
                {t("documents.so.action.creditNote")}
              </Button>
            ) : null,
        },
      ]}
    />
  );
}

export function CustomerPaymentsTable({ payments, invoiceIds, truncated }: { payments: CustomerPayment[]; invoiceIds: ReadonlySet<string>; truncated: boolean }) {
  const { t } = useTranslation();
  return (
    <PaymentsTable
      payments={payments}
      invoiceIds={invoiceIds}
      truncated={truncated}
      name="customer-payments"
      date={{ titleKey: "documents.so.receivedAt", of: (payment) => payment.received_at }}
      extraColumns={[{ key: "by", title: t("documents.history.who"), dataIndex: "received_by" }]}
    />
  );
}
