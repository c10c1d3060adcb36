/**
 * One purchase order: its lifecycle, the actions allowed now for its status and the user's roles, its lines,
 * receipts, supplier invoices (with the three-way match), payments, postings in the general ledger and
 * history. Every action refreshes the order and what hangs off it.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Descriptions, Flex, Popconfirm, Space, Spin, Tabs, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { compare } from "../../decimal/decimal";
import type { OpenInvoice } from "../../documents/allocations";
import { DocumentError } from "../../documents/DocumentError";
import { Amount, DocumentHistory, LifecycleSteps, type HistoryEvent } from "../../documents/DocumentParts";
import { PaymentDrawer } from "../../documents/PaymentDrawer";
import { PdfButton } from "../../documents/PdfButton";
import { PostingsPanel, type SourceDocument } from "../../documents/PostingsPanel";
import { ReasonModal } from "../../documents/ReasonModal";
import type { PurchaseOrder, SupplierPayment } from "../../documents/types";
import { useAction } from "../../documents/useSubmission";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { useLanguage } from "../../i18n/LanguageProvider";
import { formatDate } from "../../lists/display";
import { MAX_PAGE_SIZE } from "../../api/lists";
import { PO_LIST } from "./PurchaseOrderFormPage";
import { purchaseOrderActions, purchaseOrderSteps, type PurchaseOrderAction } from "./purchaseOrderLifecycle";
import { OrderLinesTable, ReceiptsTable, SupplierInvoicesTable, SupplierPaymentsTable } from "./PurchaseOrderTabs";
import { purchasing } from "./purchasingApi";
import { ReceiveDrawer } from "./ReceiveDrawer";
import { SupplierInvoiceDrawer } from "./SupplierInvoiceDrawer";

const STATUS_BADGE: Record<string, "default" | "processing" | "success" | "warning" | "error"> = {
  draft: "default", submitted: "processing", approved: "processing", sent: "processing",
  partially_received: "warning", received: "success", closed: "success", cancelled: "error",
};

type Drawer = "receive" | "invoice" | "pay" | "cancel" | null;

export function PurchaseOrderDetailPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { orderId = "" } = useParams();
  const { api, roles, session } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [drawer, setDrawer] = useState<Drawer>(null);
  const action = useAction();

  const order = useQuery({ queryKey: ["purchase-order", orderId], queryFn: () => purchasing.read(api, orderId) });
  const receipts = useQuery({ queryKey: ["purchase-order", orderId, "receipts"], queryFn: () => purchasing.receipts(api, orderId) });
  const invoices = useQuery({ queryKey: ["purchase-order", orderId, "invoices"], queryFn: () => purchasing.invoices(api, orderId) });
  const supplierId = order.data?.supplier_id ?? "";
  const invoiceIds = new Set((invoices.data?.rows ?? []).map((invoice) => invoice.id ?? ""));
  const payments = useQuery({
    queryKey: ["purchase-order", orderId, "payments", supplierId],
    queryFn: () => purchasing.supplierPayments(api, supplierId),
    enabled: Boolean(supplierId) && invoiceIds.size > 0,
  });

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: ["purchase-order", orderId] });
    void queryClient.invalidateQueries({ queryKey: ["list", "/api/procurement/purchase-orders"] });
  }

  if (order.isLoading) return <Spin />;
  if (order.isError) return <ErrorNotice error={order.error} onRetry={() => void order.refetch()} />;
  const doc = order.data as PurchaseOrder;
  const actions = purchaseOrderActions(doc, roles, session?.claims.sub ?? "");
  const orderPayments: SupplierPayment[] = (payments.data?.rows ?? []).filter((payment) => (payment.allocations ?? []).some((allocation) => invoiceIds.has(allocation.invoice_id ?? "")));
  const openInvoices: OpenInvoice[] = (invoices.data?.rows ?? [])
    .filter((invoice) => compare(invoice.open_amount ?? "0", "0") > 0)
    .map((invoice) => ({ id: invoice.id ?? "", number: invoice.number ?? "", openAmount: invoice.open_amount ?? "0", dueDate: invoice.due_date }));
  const canPay = openInvoices.length > 0 && isAllowed(roles, "POST", "/api/procurement/supplier-payments");

  async function transition(name: "submit" | "approve" | "send" | "close") {
    const result = await action.run(name, () => purchasing.transition(api, orderId, name));
    if (result) {
      message.success(t("documents.po.nowStatus", { status: t(`status.purchaseOrder.${result.status}`) }));
      refresh();
    }
  }

  async function cancel(reason: string) {
    const result = await action.run("cancel", () => purchasing.cancel(api, orderId, reason));
    setDrawer(null);
    if (result) refresh();
  }

  function button(name: PurchaseOrderAction, blocked?: string) {
    const label = t(`documents.po.action.${name}`);
    const common = { "data-action": name, loading: action.pending === name, disabled: Boolean(blocked) || (action.pending !== null && action.pending !== name) };
    const primary = ["submit", "approve", "send", "receive"].includes(name);
    let control;
    switch (name) {
      case "edit":
        control = <Button key={name} {...common} onClick={() => navigate(`${PO_LIST}/${orderId}/edit`)}>{label}</Button>;
        break;
      case "receive":
      case "invoice":
        control = <Button key={name} {...common} type={primary ? "primary" : "default"} onClick={() => setDrawer(name)}>{label}</Button>;
        break;
      case "cancel":
        control = <Button key={name} {...common} danger onClick={() => setDrawer("cancel")}>{label}</Button>;
        break;
      case "close":
        control = (
          <Popconfirm key={name} title={t("documents.po.closeConfirm")} onConfirm={() => void transition("close")} okText={label} cancelText={t("documents.form.back")}>
            <Button key={name} {...common}>{label}</Button>
          </Popconfirm>
        );
        break;
      default:
        control = <Button key={name} {...common} type="primary" onClick={() => void transition(name)}>{label}</Button>;
    }
    return blocked ? <Tooltip key={name} title={blocked}>{control}</Tooltip> : control;
  }

  // Payables records who by their account id only; the signed-in user at least is known by name.
  const person = (id: string | null | undefined) => (id && id === session?.claims.sub ? session.claims.username : id);
  const history: HistoryEvent[] = [
    { at: doc.created_at, what: t("documents.history.created"), who: doc.created_by_name },
    { at: doc.submitted_at, what: t("documents.history.submitted") },
    doc.approved_by === "auto"
      ? { at: doc.approved_at, what: `${t("documents.history.approved")}: ${t("documents.history.autoApproved")}` }
      : { at: doc.approved_at, what: t("documents.history.approved"), who: doc.approved_by_name },
    { at: doc.sent_at, what: t("documents.history.sent") },
    ...(receipts.data?.rows ?? []).map((receipt) => ({ at: receipt.received_at, what: t("documents.history.received", { number: receipt.number }), who: receipt.received_by })),
    ...(invoices.data?.rows ?? []).flatMap((invoice) => [
      { at: invoice.created_at, what: t("documents.history.invoiceEntered", { number: invoice.number, status: t(`documents.invoice.status.${invoice.status}`, { defaultValue: invoice.status }) }), who: person(invoice.entered_by) },
      { at: invoice.approved_at, what: t("documents.history.invoiceApproved", { number: invoice.number }), who: person(invoice.approved_by) },
      ...(invoice.exceptions ?? [])
        .filter((exception) => exception.kind === "rejected")
        .map((exception) => ({ at: exception.at, what: t("documents.history.invoiceRejected", { number: invoice.number }), who: person(exception.by), detail: exception.detail })),
    ]),
    ...orderPayments.map((payment) => ({ at: payment.paid_at, what: t("documents.history.paid", { number: payment.number }), who: person(payment.paid_by) })),
    { at: doc.closed_at, what: t("documents.history.closed") },
    { at: doc.cancelled_at, what: t("documents.history.cancelled"), detail: doc.cancel_reason },
  ];

  const sources: SourceDocument[] = [
    ...(receipts.data?.rows ?? []).map((receipt) => ({ number: receipt.number ?? "", expectsEntry: compare(receipt.total_accepted_amount ?? "0", "0") > 0 })),
    ...(invoices.data?.rows ?? []).map((invoice) => ({ number: invoice.number ?? "", expectsEntry: invoice.status === "posted" || invoice.status === "paid" })),
    ...orderPayments.map((payment) => ({ number: payment.number ?? "" })),
  ];

  const tab = params.get("tab") ?? "lines";
  const count = (n: number | undefined) => (n ? ` (${n})` : "");

  return (
    <Flex vertical gap="middle" data-document="purchase-order" data-status={doc.status}>
      <Link to={PO_LIST}>← {t("nav.purchaseOrders")}</Link>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-field="number">
            {doc.number}
          </Typography.Title>
          <Badge status={STATUS_BADGE[doc.status ?? ""] ?? "default"} text={<span data-field="status">{t(`status.purchaseOrder.${doc.status}`, { defaultValue: doc.status })}</span>} />
        </Space>
        <Space wrap>
          {actions.map((item) => button(item.name, item.blocked ? t("documents.actions.ownDocument") : undefined))}
          {canPay && (
            <Button data-action="pay" onClick={() => setDrawer("pay")}>
              {t("documents.po.action.pay")}
            </Button>
          )}
          <PdfButton path="/api/procurement/purchase-orders/{order_id}/pdf" params={{ order_id: orderId }} fileName={`${doc.number}.pdf`} />
        </Space>
      </Flex>
      {action.error !== null && <DocumentError error={action.error} shownAt={() => false} />}
      <LifecycleSteps
        bar={purchaseOrderSteps(doc)}
        labels="status.purchaseOrder"
        dates={{ draft: doc.created_at, submitted: doc.submitted_at, approved: doc.approved_at, sent: doc.sent_at, closed: doc.closed_at }}
      />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t("fields.supplier")}>
          {doc.supplier_code} · {doc.supplier_name}
        </Descriptions.Item>
        <Descriptions.Item label={t("fields.orderDate")}>{formatDate(doc.order_date, language, false)}</Descriptions.Item>
        <Descriptions.Item label={t("fields.totalAmount")}>
          <span data-field="total">
            <Amount value={doc.total_amount} />
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t("documents.history.createdBy")}>{doc.created_by_name}</Descriptions.Item>
        <Descriptions.Item label={t("documents.history.approvedBy")}>
          {doc.approved_by === "auto" ? t("documents.history.autoApproved") : doc.approved_by_name ?? "—"}
        </Descriptions.Item>
        {doc.notes && <Descriptions.Item label={t("documents.form.notes")}>{doc.notes}</Descriptions.Item>}
        {doc.cancel_reason && <Descriptions.Item label={t("documents.history.cancelReason")}>{doc.cancel_reason}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: "lines", label: t("documents.tabs.lines") + count(doc.lines?.length), children: <OrderLinesTable order={doc} /> },
          {
            key: "receipts",
            label: t("documents.tabs.receipts") + count(receipts.data?.total),
            children: receipts.isError ? <ErrorNotice error={receipts.error} onRetry={() => void receipts.refetch()} /> : <ReceiptsTable receipts={receipts.data?.rows ?? []} order={doc} />,
          },
          {
            key: "invoices",
            label: t("documents.tabs.invoices") + count(invoices.data?.total),
            children: invoices.isError ? <ErrorNotice error={invoices.error} onRetry={() => void invoices.refetch()} /> : <SupplierInvoicesTable invoices={invoices.data?.rows ?? []} order={doc} onChanged={refresh} />,
          },
          {
            key: "payments",
            label: t("documents.tabs.payments") + count(orderPayments.length),
            children: payments.isError ? (
              <ErrorNotice error={payments.error} onRetry={() => void payments.refetch()} />
            ) : (
              <SupplierPaymentsTable payments={orderPayments} invoiceIds={invoiceIds} truncated={(payments.data?.total ?? 0) > MAX_PAGE_SIZE} />
            ),
          },
          { key: "postings", label: t("documents.tabs.postings"), children: <PostingsPanel documents={sources} /> },
          { key: "history", label: t("documents.tabs.history"), children: <DocumentHistory events={history} /> },
        ]}
      />
      {drawer === "receive" && (
        <ReceiveDrawer order={doc} open onClose={() => setDrawer(null)} onBooked={() => { setDrawer(null); refresh(); setParams({ tab: "receipts" }, { replace: true }); }} />
      )}
      {drawer === "invoice" && <SupplierInvoiceDrawer order={doc} open onClose={() => setDrawer(null)} onEntered={() => refresh()} />}
      {drawer === "pay" && (
        <PaymentDrawer
          title={t("documents.payment.supplierTitle", { supplier: doc.supplier_name })}
          invoices={openInvoices}
          open
          onClose={() => setDrawer(null)}
          pay={(request, key) => purchasing.pay(api, { supplier_id: supplierId, paid_at: null, ...request }, key)}
          onPaid={() => {
            setDrawer(null);
            refresh();
            setParams({ tab: "payments" }, { replace: true });
          }}
        />
      )}
      <ReasonModal
        open={drawer === "cancel"}
        title={t("documents.po.cancelTitle", { number: doc.number })}
        okText={t("documents.po.action.cancel")}
        pending={action.pending === "cancel"}
        onCancel={() => setDrawer(null)}
        onOk={(reason) => void cancel(reason)}
      />
    </Flex>
  );
}

