/**
 * Procurement's calls the purchase order screens make, typed by the generated client; bodies carry decimals
 * as strings (documents/types.ts), creates carry the Submission's Idempotency-Key.
 */
import { IDEMPOTENCY_HEADER, unwrap, type ErpClient } from "../../api/client";
import { fetchPage, MAX_PAGE_SIZE } from "../../api/lists";
import type { components } from "../../api/schema";
import { sendable, type AsSent, type GoodsReceipt, type PurchaseOrder, type SupplierInvoice, type SupplierPayment } from "../../documents/types";

type Schemas = components["schemas"];
export type OrderCreateBody = AsSent<Schemas["Procurement.OrderCreate"]>;
export type OrderUpdateBody = AsSent<Schemas["Procurement.OrderUpdate"]>;
export type ReceiptBody = AsSent<Schemas["Procurement.ReceiptIn"]>;
export type SupplierInvoiceBody = AsSent<Schemas["Procurement.SupplierInvoiceCreate"]>;
export type SupplierPaymentBody = AsSent<Schemas["Procurement.SupplierPaymentCreate"]>;

const key = (idempotencyKey: string) => ({ [IDEMPOTENCY_HEADER]: idempotencyKey });
const order = (id: string) => ({ params: { path: { order_id: id } } });

export const purchasing = {
  async read(api: ErpClient, id: string): Promise<PurchaseOrder> {
    const { data } = await unwrap(api.GET("/api/procurement/purchase-orders/{order_id}", order(id)));
    return data as unknown as PurchaseOrder;
  },
  async create(api: ErpClient, body: OrderCreateBody, idempotencyKey: string): Promise<PurchaseOrder> {
    const { data } = await unwrap(api.POST("/api/procurement/purchase-orders", { body: sendable<Schemas["Procurement.OrderCreate"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as PurchaseOrder;
  },
  async update(api: ErpClient, id: string, body: OrderUpdateBody): Promise<PurchaseOrder> {
    const { data } = await unwrap(api.PATCH("/api/procurement/purchase-orders/{order_id}", { ...order(id), body: sendable<Schemas["Procurement.OrderUpdate"]>(body) }));
    return data as unknown as PurchaseOrder;
  },
  async transition(api: ErpClient, id: string, action: "submit" | "approve" | "send" | "close"): Promise<PurchaseOrder> {
    const call = {
      submit: () => api.POST("/api/procurement/purchase-orders/{order_id}/submit", order(id)),
      approve: () => api.POST("/api/procurement/purchase-orders/{order_id}/approve", order(id)),
      send: () => api.POST("/api/procurement/purchase-orders/{order_id}/send", order(id)),
      close: () => api.POST("/api/procurement/purchase-orders/{order_id}/close", order(id)),
    }[action];
    const { data } = await unwrap(call());
    return data as unknown as PurchaseOrder;
  },
  async cancel(api: ErpClient, id: string, reason: string): Promise<PurchaseOrder> {
    const { data } = await unwrap(api.POST("/api/procurement/purchase-orders/{order_id}/cancel", { ...order(id), body: { reason } }));
    return data as unknown as PurchaseOrder;
  },
  async receipts(api: ErpClient, id: string): Promise<{ rows: GoodsReceipt[]; total: number }> {
    const { data, response } = await unwrap(api.GET("/api/procurement/purchase-orders/{order_id}/receipts", { params: { path: { order_id: id }, query: { page_size: MAX_PAGE_SIZE } } }));
    const rows = data as unknown as GoodsReceipt[];
    return { rows, total: totalOf(response, rows.length) };
  },
  async receive(api: ErpClient, id: string, body: ReceiptBody, idempotencyKey: string): Promise<GoodsReceipt> {
    const { data } = await unwrap(api.POST("/api/procurement/purchase-orders/{order_id}/receipts", { ...order(id), body: sendable<Schemas["Procurement.ReceiptIn"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as GoodsReceipt;
  },
  async invoices(api: ErpClient, id: string): Promise<{ rows: SupplierInvoice[]; total: number }> {
    const page = await fetchPage(api, "/api/procurement/supplier-invoices", { purchase_order_id: id, page_size: MAX_PAGE_SIZE });
    return { rows: page.rows as unknown as SupplierInvoice[], total: page.pagination.total };
  },
  async enterInvoice(api: ErpClient, body: SupplierInvoiceBody, idempotencyKey: string): Promise<SupplierInvoice> {
    const { data } = await unwrap(api.POST("/api/procurement/supplier-invoices", { body: sendable<Schemas["Procurement.SupplierInvoiceCreate"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as SupplierInvoice;
  },
  async decideInvoice(api: ErpClient, invoiceId: string, decision: { approve: true } | { reason: string }): Promise<SupplierInvoice> {
    const path = { params: { path: { invoice_id: invoiceId } } };
    const { data } = await unwrap(
      "reason" in decision
        ? api.POST("/api/procurement/supplier-invoices/{invoice_id}/reject", { ...path, body: { reason: decision.reason } })
        : api.POST("/api/procurement/supplier-invoices/{invoice_id}/approve", path),
    );
    return data as unknown as SupplierInvoice;
  },
  /** The supplier's newest payments (the API filters payments by supplier only, not by order or invoice). */
  async supplierPayments(api: ErpClient, supplierId: string): Promise<{ rows: SupplierPayment[]; total: number }> {
    const page = await fetchPage(api, "/api/procurement/supplier-payments", { supplier_id: supplierId, page_size: MAX_PAGE_SIZE });
    return { rows: page.rows as unknown as SupplierPayment[], total: page.pagination.total };
  },
  async pay(api: ErpClient, body: SupplierPaymentBody, idempotencyKey: string): Promise<SupplierPayment> {
    const { data } = await unwrap(api.POST("/api/procurement/supplier-payments", { body: sendable<Schemas["Procurement.SupplierPaymentCreate"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as SupplierPayment;
  },
};

function totalOf(response: Response, fallback: number): number {
  try {
    const value = JSON.parse(response.headers.get("X-Pagination") ?? "{}") as { total?: number };
    return typeof value.total === "number" ? value.total : fallback;
  } catch {
    return fallback;
  }
}
