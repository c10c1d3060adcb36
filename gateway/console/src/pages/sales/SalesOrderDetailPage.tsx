/**
 * One sales order: lifecycle, the actions allowed now for its status and the user's roles (confirm, release a
 * credit hold, deliver, invoice, pay, cancel), each line's reservation, deliveries with their notes and
 * returns, invoices with their credit notes, payments, postings and history.
 */
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Descriptions, Flex, Space, Spin, Tabs, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { MAX_PAGE_SIZE } from "../../api/lists";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { compare } from "../../decimal/decimal";
import type { OpenInvoice } from "../../documents/allocations";
import { DocumentError } from "../../documents/DocumentError";
import { Amount, DocumentHistory, LifecycleSteps, type HistoryEvent } from "../../documents/DocumentParts";
import { PaymentDrawer } from "../../documents/PaymentDrawer";
import { PostingsPanel, type SourceDocument } from "../../documents/PostingsPanel";
import { ReasonModal } from "../../documents/ReasonModal";
import type { CreditNote, CustomerPayment, GoodsReturn, SalesOrder } from "../../documents/types";
import { useAction } from "../../documents/useSubmission";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { useLanguage } from "../../i18n/LanguageProvider";
import { formatAmount } from "../../decimal/format";
import { formatDate } from "../../lists/display";
import { InvoiceModal } from "./InvoiceModal";
import { QuantityDocumentDrawer, type QuantityDocument } from "./QuantityDocumentDrawer";
import { selling } from "./salesApi";
import { SO_LIST } from "./SalesOrderFormPage";
import { salesOrderActions, salesOrderSteps, type SalesOrderAction } from "./salesOrderLifecycle";
import { CustomerInvoicesTable, CustomerPaymentsTable, DeliveriesTable, SalesLinesTable } from "./SalesOrderTabs";

const STATUS_BADGE: Record<string, "default" | "processing" | "success" | "warning" | "error"> = {
  draft: "default", credit_hold: "error", confirmed: "processing", reserved: "processing", partially_reserved: "warning",
  backordered: "warning", partially_delivered: "warning", delivered: "success", invoiced: "success", paid: "success", cancelled: "error",
};

type Open = { kind: "invoice" | "pay" | "cancel" } | QuantityDocument | null;

export function SalesOrderDetailPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { orderId = "" } = useParams();
  const { api, roles, session } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<Open>(null);
  const action = useAction();

  // Confirmed means inventory has been asked to reserve: its answer arrives by event, so look again for a while.
  const order = useQuery({
    queryKey: ["sales-order", orderId],
    queryFn: () => selling.read(api, orderId),
    refetchInterval: (query) => (query.state.data?.status === "confirmed" && query.state.dataUpdateCount < 40 ? 3000 : false),
  });
  const deliveries = useQuery({ queryKey: ["sales-order", orderId, "deliveries"], queryFn: () => selling.deliveries(api, orderId) });
  const invoices = useQuery({ queryKey: ["sales-order", orderId, "invoices"], queryFn: () => selling.invoices(api, orderId) });
  const customerId = order.data?.customer_id ?? "";
  const invoiceRows = invoices.data ?? [];
  const deliveryRows = deliveries.data ?? [];
  const invoiceIds = new Set(invoiceRows.map((invoice) => invoice.id ?? ""));
  const creditNotes = useQueries({
    queries: invoiceRows.map((invoice) => ({ queryKey: ["sales-order", orderId, "credit-notes", invoice.id], queryFn: () => selling.creditNotes(api, invoice.id ?? "") })),
  });
  const returns = useQueries({
    queries: deliveryRows.map((delivery) => ({ queryKey: ["sales-order", orderId, "returns", delivery.id], queryFn: () => selling.returns(api, delivery.id ?? "") })),
  });
  const payments = useQuery({
    queryKey: ["sales-order", orderId, "payments", customerId],
    queryFn: () => selling.customerPayments(api, customerId),
    enabled: Boolean(customerId) && invoiceIds.size > 0,
  });

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: ["sales-order", orderId] });
    void queryClient.invalidateQueries({ queryKey: ["list", "/api/sales/sales-orders"] });
  }

  if (order.isLoading) return <Spin />;
  if (order.isError) return <ErrorNotice error={order.error} onRetry={() => void order.refetch()} />;
  const doc = order.data as SalesOrder;
  const actions = salesOrderActions(doc, roles, session?.claims.sub ?? "");
  const notesOf = (invoiceId: string): CreditNote[] => creditNotes[invoiceRows.findIndex((invoice) => invoice.id === invoiceId)]?.data ?? [];
  const returnsOf = (deliveryId: string): GoodsReturn[] => returns[deliveryRows.findIndex((delivery) => delivery.id === deliveryId)]?.data ?? [];
  const allNotes = invoiceRows.flatMap((invoice) => notesOf(invoice.id ?? ""));
  const allReturns = deliveryRows.flatMap((delivery) => returnsOf(delivery.id ?? ""));
  const orderPayments: CustomerPayment[] = (payments.data?.rows ?? []).filter((payment) => (payment.allocations ?? []).some((allocation) => invoiceIds.has(allocation.invoice_id ?? "")));
  const openInvoices: OpenInvoice[] = invoiceRows
    .filter((invoice) => compare(invoice.open_amount ?? "0", "0") > 0)
    .map((invoice) => ({ id: invoice.id ?? "", number: invoice.number ?? "", openAmount: invoice.open_amount ?? "0", dueDate: invoice.due_date }));
  const canPay = openInvoices.length > 0 && isAllowed(roles, "POST", "/api/sales/customer-payments");

  async function transition(name: "confirm" | "releaseCredit") {
    const result = await action.run(name, () => selling.transition(api, orderId, name));
    if (result) {
      message.success(t("documents.so.nowStatus", { status: t(`status.salesOrder.${result.status}`) }));
      refresh();
    }
  }

  async function cancel(reason: string) {
    const result = await action.run("cancel", () => selling.cancel(api, orderId, reason));
    setOpen(null);
    if (result) refresh();
  }

  function done(tab: string) {
    setOpen(null);
    refresh();
    setParams({ tab }, { replace: true });
  }

  function button(name: SalesOrderAction, blocked?: string) {
    const label = t(`documents.so.action.${name}`);
    const common = { "data-action": name, loading: action.pending === name, disabled: Boolean(blocked) || (action.pending !== null && action.pending !== name) };
    let control;
    switch (name) {
      case "edit":
        control = <Button key={name} {...common} onClick={() => navigate(`${SO_LIST}/${orderId}/edit`)}>{label}</Button>;
        break;
      case "deliver":
      case "invoice":
        control = <Button key={name} {...common} type="primary" onClick={() => setOpen({ kind: name })}>{label}</Button>;
        break;
      case "cancel":
        control = <Button key={name} {...common} danger onClick={() => setOpen({ kind: "cancel" })}>{label}</Button>;
        break;
      default:
        control = <Button key={name} {...common} type="primary" onClick={() => void transition(name)}>{label}</Button>;
    }
    return blocked ? <Tooltip key={name} title={blocked}>{control}</Tooltip> : control;
  }

  const history: HistoryEvent[] = [
    { at: doc.created_at, what: t("documents.history.created"), who: doc.created_by_name },
    {
      at: doc.confirmed_at,
      what: doc.credit_released_at || doc.status !== "credit_hold" ? t("documents.history.confirmed") : t("documents.so.heldForCredit"),
      who: doc.confirmed_by_name,
      detail: doc.credit_limit ? t("documents.so.creditCheck", { exposure: formatAmount(doc.credit_exposure, language), limit: formatAmount(doc.credit_limit, language) }) : null,
    },
    { at: doc.credit_released_at, what: t("documents.history.creditReleased"), who: doc.credit_released_by_name },
    { at: doc.reservation_requested_at, what: t("documents.history.reservationRequested") },
    { at: doc.reservation_replied_at, what: t("documents.history.reservationReplied", { status: t(`status.salesOrder.${doc.reservation_status}`, { defaultValue: doc.reservation_status ?? "" }) }) },
    ...deliveryRows.map((delivery) => ({ at: delivery.delivered_at, what: t("documents.history.delivered", { number: delivery.number }), who: delivery.delivered_by })),
    ...allReturns.map((goodsReturn) => ({ at: goodsReturn.returned_at, what: t("documents.history.returned", { number: goodsReturn.number }), who: goodsReturn.returned_by, detail: goodsReturn.reason })),
    ...invoiceRows.map((invoice) => ({ at: invoice.created_at, what: t("documents.history.invoiced", { number: invoice.number }), who: invoice.issued_by })),
    ...allNotes.map((note) => ({ at: note.created_at, what: t("documents.history.credited", { number: note.number }), who: note.issued_by, detail: note.reason })),
    ...orderPayments.map((payment) => ({ at: payment.received_at, what: t("documents.history.paid", { number: payment.number }), who: payment.received_by })),
    { at: doc.cancelled_at, what: t("documents.history.cancelled"), detail: doc.cancel_reason },
  ];

  const sources: SourceDocument[] = [
    ...deliveryRows.map((delivery) => ({ number: delivery.number ?? "" })),
    ...allReturns.map((goodsReturn) => ({ number: goodsReturn.number ?? "" })),
    ...invoiceRows.map((invoice) => ({ number: invoice.number ?? "" })),
    ...allNotes.map((note) => ({ number: note.number ?? "" })),
    ...orderPayments.map((payment) => ({ number: payment.number ?? "" })),
  ];

  const tab = params.get("tab") ?? "lines";
  const count = (n: number | undefined) => (n ? ` (${n})` : "");


  return (
    <Flex vertical gap="middle" data-document="sales-order" data-status={doc.status}>
      <Link to={SO_LIST}>← {t("nav.salesOrders")}</Link>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-field="number">
            {doc.number}
          </Typography.Title>
          <Badge status={STATUS_BADGE[doc.status ?? ""] ?? "default"} text={<span data-field="status">{t(`status.salesOrder.${doc.status}`, { defaultValue: doc.status })}</span>} />
        </Space>
        <Space wrap>
          {actions.map((item) => button(item.name, item.blocked ? t("documents.actions.ownDocument") : undefined))}
          {canPay && (
            <Button data-action="pay" onClick={() => setOpen({ kind: "pay" })}>
              {t("documents.so.action.pay")}
            </Button>
          )}
        </Space>
      </Flex>
      {action.error !== null && <DocumentError error={action.error} shownAt={() => false} />}
      <LifecycleSteps bar={salesOrderSteps(doc)} labels="status.salesOrder" dates={{ draft: doc.created_at, confirmed: doc.confirmed_at, reserved: doc.reservation_replied_at }} />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t("fields.customer")}>
          {doc.customer_code} · {doc.customer_name}
        </Descriptions.Item>
        <Descriptions.Item label={t("fields.orderDate")}>{formatDate(doc.order_date, language, false)}</Descriptions.Item>
        <Descriptions.Item label={t("fields.requestedDate")}>{formatDate(doc.requested_date, language, false) || "—"}</Descriptions.Item>
        <Descriptions.Item label={t("fields.netTotal")}>
          <Amount value={doc.net_total} />
        </Descriptions.Item>
        <Descriptions.Item label={t("fields.taxTotal")}>
          <Amount value={doc.tax_total} />
        </Descriptions.Item>
        <Descriptions.Item label={t("fields.totalAmount")}>
          <span data-field="total">
            <Amount value={doc.total_amount} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("fields.invoicedAmount")}>
          <Amount value={doc.invoiced_amount} />
        </Descriptions.Item>
        <Descriptions.Item label={t("documents.history.createdBy")}>{doc.created_by_name}</Descriptions.Item>
        {doc.credit_limit && (
          <Descriptions.Item label={t("documents.so.creditCheckLabel")}>{t("documents.so.creditCheck", { exposure: formatAmount(doc.credit_exposure, language), limit: formatAmount(doc.credit_limit, language) })}</Descriptions.Item>
        )}
        {doc.notes && <Descriptions.Item label={t("documents.form.notes")}>{doc.notes}</Descriptions.Item>}
        {doc.cancel_reason && <Descriptions.Item label={t("documents.history.cancelReason")}>{doc.cancel_reason}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: "lines", label: t("documents.tabs.lines") + count(doc.lines?.length), children: <SalesLinesTable order={doc} /> },
          {
            key: "deliveries",
            label: t("documents.tabs.deliveries") + count(deliveryRows.length),
            children: deliveries.isError ? (
              <ErrorNotice error={deliveries.error} onRetry={() => void deliveries.refetch()} />
            ) : (
              <DeliveriesTable deliveries={deliveryRows} returnsOf={returnsOf} onReturn={(delivery) => setOpen({ kind: "return", delivery })} />
            ),
          },
          {
            key: "invoices",
            label: t("documents.tabs.invoices") + count(invoiceRows.length),
            children: invoices.isError ? (
              <ErrorNotice error={invoices.error} onRetry={() => void invoices.refetch()} />
            ) : (
              <CustomerInvoicesTable invoices={invoiceRows} creditNotesOf={notesOf} onCredit={(invoice) => setOpen({ kind: "credit", invoice })} />
            ),
          },
          {
            key: "payments",
            label: t("documents.tabs.payments") + count(orderPayments.length),
            children: payments.isError ? (
              <ErrorNotice error={payments.error} onRetry={() => void payments.refetch()} />
            ) : (
              <CustomerPaymentsTable payments={orderPayments} invoiceIds={invoiceIds} truncated={(payments.data?.total ?? 0) > MAX_PAGE_SIZE} />
            ),
          },
          { key: "postings", label: t("documents.tabs.postings"), children: <PostingsPanel documents={sources} /> },
          { key: "history", label: t("documents.tabs.history"), children: <DocumentHistory events={history} /> },
        ]}
      />
      {open && (open.kind === "deliver" || open.kind === "return" || open.kind === "credit") && (
        <QuantityDocumentDrawer open={open} order={doc} creditNotesOf={notesOf} onClose={() => setOpen(null)} onDone={done} />
      )}
      {open?.kind === "invoice" && <InvoiceModal order={doc} open onClose={() => setOpen(null)} onInvoiced={() => done("invoices")} />}
      {open?.kind === "pay" && (
        <PaymentDrawer
          title={t("documents.payment.customerTitle", { customer: doc.customer_name })}
          invoices={openInvoices}
          open
          onClose={() => setOpen(null)}
          pay={(request, key) => selling.pay(api, { customer_id: customerId, received_at: null, ...request }, key)}
          onPaid={() => done("payments")}
        />
      )}
      <ReasonModal
        open={open?.kind === "cancel"}
        title={t("documents.so.cancelTitle", { number: doc.number })}
        okText={t("documents.so.action.cancel")}
        pending={action.pending === "cancel"}
        onCancel={() => setOpen(null)}
        onOk={(reason) => void cancel(reason)}
      />
    </Flex>
  );
}
