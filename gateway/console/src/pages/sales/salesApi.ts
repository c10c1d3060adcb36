/**
 * Sales' calls the sales order screens make, typed by the generated client; bodies carry decimals as strings
 * (documents/types.ts), creates carry the Submission's Idempotency-Key.
 */
import { IDEMPOTENCY_HEADER, unwrap, type ErpClient } from "../../api/client";
import { fetchPage, MAX_PAGE_SIZE } from "../../api/lists";
import type { components } from "../../api/schema";
import {
  sendable, type AsSent, type CreditNote, type CustomerInvoice, type CustomerPayment, type Delivery, type GoodsReturn, type SalesOrder,
} from "../../documents/types";

type Schemas = components["schemas"];
export type SalesOrderBody = AsSent<Schemas["Sales.OrderCreate"]>;
export type DeliveryBody = AsSent<Schemas["Sales.DeliveryIn"]>;
export type InvoiceBody = AsSent<Schemas["Sales.InvoiceIn"]>;
export type CustomerPaymentBody = AsSent<Schemas["Sales.PaymentIn"]>;
export type CreditNoteBody = AsSent<Schemas["Sales.CreditNoteIn"]>;
export type ReturnBody = AsSent<Schemas["Sales.ReturnIn"]>;

const key = (idempotencyKey: string) => ({ [IDEMPOTENCY_HEADER]: idempotencyKey });
const order = (id: string) => ({ params: { path: { order_id: id } } });

export const selling = {
  async read(api: ErpClient, id: string): Promise<SalesOrder> {
    const { data } = await unwrap(api.GET("/api/sales/sales-orders/{order_id}", order(id)));
    return data as unknown as SalesOrder;
  },
  async create(api: ErpClient, body: SalesOrderBody, idempotencyKey: string): Promise<SalesOrder> {
    const { data } = await unwrap(api.POST("/api/sales/sales-orders", { body: sendable<Schemas["Sales.OrderCreate"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as SalesOrder;
  },
  async update(api: ErpClient, id: string, body: SalesOrderBody): Promise<SalesOrder> {
    const { data } = await unwrap(api.PATCH("/api/sales/sales-orders/{order_id}", { ...order(id), body: sendable<Schemas["Sales.OrderUpdate"]>(body as AsSent<Schemas["Sales.OrderUpdate"]>) }));
    return data as unknown as SalesOrder;
  },
  async transition(api: ErpClient, id: string, action: "confirm" | "releaseCredit"): Promise<SalesOrder> {
    const { data } = await unwrap(
      action === "confirm"
        ? api.POST("/api/sales/sales-orders/{order_id}/confirm", order(id))
        : api.POST("/api/sales/sales-orders/{order_id}/release-credit", order(id)),
    );
    return data as unknown as SalesOrder;
  },
  async cancel(api: ErpClient, id: string, reason: string): Promise<SalesOrder> {
    const { data } = await unwrap(api.POST("/api/sales/sales-orders/{order_id}/cancel", { ...order(id), body: { reason } }));
    return data as unknown as SalesOrder;
  },
  async deliveries(api: ErpClient, id: string): Promise<Delivery[]> {
    const { data } = await unwrap(api.GET("/api/sales/sales-orders/{order_id}/deliveries", { params: { path: { order_id: id }, query: { page_size: MAX_PAGE_SIZE } } }));
    return data as unknown as Delivery[];
  },
  async deliver(api: ErpClient, id: string, body: DeliveryBody, idempotencyKey: string): Promise<Delivery> {
    const { data } = await unwrap(api.POST("/api/sales/sales-orders/{order_id}/deliveries", { ...order(id), body: sendable<Schemas["Sales.DeliveryIn"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as Delivery;
  },
  async invoices(api: ErpClient, id: string): Promise<CustomerInvoice[]> {
    const { data } = await unwrap(api.GET("/api/sales/sales-orders/{order_id}/invoices", { params: { path: { order_id: id }, query: { page_size: MAX_PAGE_SIZE } } }));
    return data as unknown as CustomerInvoice[];
  },
  async invoice(api: ErpClient, id: string, body: InvoiceBody, idempotencyKey: string): Promise<CustomerInvoice> {
    const { data } = await unwrap(api.POST("/api/sales/sales-orders/{order_id}/invoices", { ...order(id), body: sendable<Schemas["Sales.InvoiceIn"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as CustomerInvoice;
  },
  async creditNotes(api: ErpClient, invoiceId: string): Promise<CreditNote[]> {
    const { data } = await unwrap(api.GET("/api/sales/invoices/{invoice_id}/credit-notes", { params: { path: { invoice_id: invoiceId }, query: { page_size: MAX_PAGE_SIZE } } }));
    return data as unknown as CreditNote[];
  },
  async credit(api: ErpClient, invoiceId: string, body: CreditNoteBody, idempotencyKey: string): Promise<CreditNote> {
    const { data } = await unwrap(
      api.POST("/api/sales/invoices/{invoice_id}/credit-notes", { params: { path: { invoice_id: invoiceId } }, body: sendable<Schemas["Sales.CreditNoteIn"]>(body), headers: key(idempotencyKey) }),
    );
    return data as unknown as CreditNote;
  },
  async returns(api: ErpClient, deliveryId: string): Promise<GoodsReturn[]> {
    const { data } = await unwrap(api.GET("/api/sales/deliveries/{delivery_id}/returns", { params: { path: { delivery_id: deliveryId }, query: { page_size: MAX_PAGE_SIZE } } }));
    return data as unknown as GoodsReturn[];
  },
  async returnGoods(api: ErpClient, deliveryId: string, body: ReturnBody, idempotencyKey: string): Promise<GoodsReturn> {
    const { data } = await unwrap(
      api.POST("/api/sales/deliveries/{delivery_id}/returns", { params: { path: { delivery_id: deliveryId } }, body: sendable<Schemas["Sales.ReturnIn"]>(body), headers: key(idempotencyKey) }),
    );
    return data as unknown as GoodsReturn;
  },
  /** The customer's newest payments (the API filters payments by customer only, not by order or invoice). */
  async customerPayments(api: ErpClient, customerId: string): Promise<{ rows: CustomerPayment[]; total: number }> {
    const page = await fetchPage(api, "/api/sales/customer-payments", { customer_id: customerId, page_size: MAX_PAGE_SIZE });
    return { rows: page.rows as unknown as CustomerPayment[], total: page.pagination.total };
  },
  async pay(api: ErpClient, body: CustomerPaymentBody, idempotencyKey: string): Promise<CustomerPayment> {
    const { data } = await unwrap(api.POST("/api/sales/customer-payments", { body: sendable<Schemas["Sales.PaymentIn"]>(body), headers: key(idempotencyKey) }));
    return data as unknown as CustomerPayment;
  },
};
