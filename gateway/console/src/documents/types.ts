/**
 * The documents as the services really send them. The OpenAPI document types decimals as `number` (see
 * docs/console.md), while every amount and quantity travels as a string; `AsSent` turns a generated schema's
 * numbers into strings, except the few fields that are true integers. Tied to the generated types, so a
 * renamed or removed field still fails the type check.
 */
import type { components } from "../api/schema";

type Schemas = components["schemas"];

/** Fields the services send as JSON integers (everything else numeric is a decimal string). */
type IntegerField = "line_no" | "version" | "days_overdue" | "days_late" | "line" | "payment_terms_days" | "reservation_resends";

export type AsSent<T> = T extends (infer Element)[]
  ? AsSent<Element>[]
  : T extends number
    ? string
    : T extends object
      ? { [K in keyof T]: K extends IntegerField ? T[K] : AsSent<T[K]> }
      : T;

/** A request body whose decimals are strings, passed where the generated type expects numbers. */
export function sendable<Body>(body: AsSent<Body>): Body {
  return body as unknown as Body;
}

export type PurchaseOrder = AsSent<Schemas["Procurement.OrderOut"]>;
export type PurchaseOrderLine = NonNullable<PurchaseOrder["lines"]>[number];
export type GoodsReceipt = AsSent<Schemas["Procurement.ReceiptOut"]>;
export type SupplierInvoice = AsSent<Schemas["Procurement.SupplierInvoiceOut"]>;
export type SupplierPayment = AsSent<Schemas["Procurement.SupplierPaymentOut"]>;
export type JournalEntry = AsSent<Schemas["Finance.JournalEntryOut"]>;
export type SalesOrder = AsSent<Schemas["Sales.OrderOut"]>;
export type SalesOrderLine = NonNullable<SalesOrder["lines"]>[number];
export type Delivery = AsSent<Schemas["Sales.DeliveryOut"]>;
export type CustomerInvoice = AsSent<Schemas["Sales.InvoiceOut"]>;
export type CustomerPayment = AsSent<Schemas["Sales.PaymentOut"]>;
export type CreditNote = AsSent<Schemas["Sales.CreditNoteOut"]>;
export type GoodsReturn = AsSent<Schemas["Sales.ReturnOut"]>;
