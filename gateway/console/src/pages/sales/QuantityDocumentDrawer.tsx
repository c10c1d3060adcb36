/**
 * The sales documents that take quantities from another's lines: a delivery note from the order's reserved
 * quantities, a return from a delivery note, a credit note from an invoice (less what earlier notes credited).
 */
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { add, compare, toDecimalString } from "../../decimal/decimal";
import { Quantity } from "../../documents/DocumentParts";
import { QuantityLinesDrawer } from "../../documents/QuantityLinesDrawer";
import { remaining } from "../../documents/quantityLines";
import type { CreditNote, CustomerInvoice, Delivery, SalesOrder } from "../../documents/types";
import { selling } from "./salesApi";

export type QuantityDocument = { kind: "deliver" } | { kind: "return"; delivery: Delivery } | { kind: "credit"; invoice: CustomerInvoice };

/** Credited quantity per invoice line, from the invoice's credit notes. */
export function creditedByLine(notes: readonly CreditNote[]): Map<string, string> {
  const credited = new Map<string, string>();
  for (const line of notes.flatMap((note) => note.lines ?? [])) {
    const id = line.invoice_line_id ?? "";
    credited.set(id, toDecimalString(add(credited.get(id) ?? "0", line.quantity ?? "0")));
  }
  return credited;
}

function lineLabel(code?: string | null, name?: string | null) {
  return (
    <>
      {code} <Typography.Text type="secondary">{name}</Typography.Text>
    </>
  );
}

export function QuantityDocumentDrawer({ open, order, creditNotesOf, onClose, onDone }: {
  open: QuantityDocument;
  order: SalesOrder;
  creditNotesOf(invoiceId: string): CreditNote[];
  onClose(): void;
  onDone(tab: string): void;
}) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const orderId = order.id ?? "";
  return (
    <>
      {open.kind === "deliver" && (
        <QuantityLinesDrawer
          formName="delivery"
          open
          title={t("documents.so.deliverTitle", { number: order.number })}
          lines={(order.lines ?? [])
            .filter((line) => compare(line.quantity_deliverable ?? "0", "0") > 0)
            .map((line) => ({ id: line.id ?? "", lineNo: line.line_no, label: lineLabel(line.item_code, line.item_name), unit: line.unit, available: line.quantity_deliverable ?? "0", extra: [line.warehouse_code, <Quantity key="q" value={line.quantity} />] }))}
          extraColumns={[t("documents.grid.warehouse"), t("documents.so.ordered")]}
          availableLabel={t("documents.so.deliverable")}
          fillLabel={t("documents.so.deliverAll")}
          submitLabel={t("documents.so.action.deliver")}
          textField={{ label: t("documents.form.notes"), required: false, field: "notes", maxLength: 2000 }}
          onClose={onClose}
          submit={(request, key) => selling.deliver(api, orderId, { delivered_at: null, notes: request.text, lines: request.lines.map((line) => ({ order_line_id: line.id, quantity: line.quantity })) }, key)}
          onDone={() => onDone("deliveries")}
        />
      )}
      {open.kind === "return" && (
        <QuantityLinesDrawer
          formName="return"
          open
          title={t("documents.so.returnTitle", { number: open.delivery.number })}
          lines={(open.delivery.lines ?? []).map((line) => ({ id: line.id ?? "", lineNo: line.line_no, label: lineLabel(line.item_code, line.item_name), unit: line.unit, available: remaining(line.quantity, line.quantity_returned) }))}
          availableLabel={t("documents.so.returnable")}
          fillLabel={t("documents.so.returnAll")}
          submitLabel={t("documents.so.action.return")}
          textField={{ label: t("documents.form.reason"), required: true, field: "reason", maxLength: 500 }}
          onClose={onClose}
          submit={(request, key) => selling.returnGoods(api, open.delivery.id ?? "", { returned_at: null, reason: request.text ?? "", lines: request.lines.map((line) => ({ delivery_line_id: line.id, quantity: line.quantity })) }, key)}
          onDone={() => onDone("deliveries")}
        />
      )}
      {open.kind === "credit" && (
        <QuantityLinesDrawer
          formName="credit-note"
          open
          title={t("documents.so.creditTitle", { number: open.invoice.number })}
          lines={(() => {
            const credited = creditedByLine(creditNotesOf(open.invoice.id ?? ""));
            return (open.invoice.lines ?? []).map((line) => ({
              id: line.id ?? "", lineNo: line.line_no, label: lineLabel(line.item_code, line.item_name), available: remaining(line.quantity, credited.get(line.id ?? "") ?? "0"), extra: [<Quantity key="p" value={line.unit_price} />],
            }));
          })()}
          extraColumns={[t("documents.grid.unitPrice")]}
          availableLabel={t("documents.so.creditable")}
          fillLabel={t("documents.so.creditAll")}
          submitLabel={t("documents.so.action.creditNote")}
          textField={{ label: t("documents.form.reason"), required: true, field: "reason", maxLength: 500 }}
          onClose={onClose}
          submit={(request, key) => selling.credit(api, open.invoice.id ?? "", { credit_date: null, reason: request.text ?? "", lines: request.lines.map((line) => ({ invoice_line_id: line.id, quantity: line.quantity })) }, key)}
          onDone={() => onDone("invoices")}
        />
      )}
    </>
  );
}
