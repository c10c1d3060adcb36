/** New purchase order, and changing a draft: supplier, dates, lines (item, quantity, unit price). */
import { useQuery } from "@tanstack/react-query";
import { Flex, Spin, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { newLineKey, prepareLines, PURCHASE_COLUMNS, purchaseLineBody, type DraftLine } from "../../documents/draftLines";
import { plainDecimal } from "../../documents/entry";
import { SUPPLIER_LOOKUP } from "../../documents/lookups";
import { isoDate, OrderForm, type OrderFormConfig } from "../../documents/OrderForm";
import type { PurchaseOrder } from "../../documents/types";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { Forbidden } from "../StatusPages";
import { purchasing, type OrderCreateBody } from "./purchasingApi";

export const PO_LIST = "/procurement/purchase-orders";

function useConfig(): OrderFormConfig<PurchaseOrder> {
  const { api } = useAuth();
  return {
    partyField: "supplier_id",
    partySource: SUPPLIER_LOOKUP,
    partyLabelKey: "fields.supplier",
    secondDateField: "expected_date",
    secondDateLabelKey: "documents.po.expectedDate",
    secondDateOnLines: true,
    columns: PURCHASE_COLUMNS,
    body(header, lines) {
      const prepared = prepareLines(lines, (line) => purchaseLineBody(line, isoDate(header.second_date)));
      const body: OrderCreateBody = {
        supplier_id: header.party?.id ?? "",
        order_date: isoDate(header.order_date),
        notes: header.notes?.trim() || null,
        lines: prepared.lines.map((line) => ({ ...line, notes: null, quality_standard: null })),
      };
      return { body, prepared };
    },
    create: (body, key) => purchasing.create(api, body as OrderCreateBody, key),
    update: (id, body) => purchasing.update(api, id, body as OrderCreateBody & { order_date: string }),
    then: { labelKey: "documents.po.saveAndSubmit", run: (order) => purchasing.transition(api, order.id ?? "", "submit") },
    detailPath: (order) => `${PO_LIST}/${order.id}`,
    listPath: "/api/procurement/purchase-orders",
    queryKey: "purchase-order",
  };
}

export function NewPurchaseOrderPage() {
  const { t } = useTranslation();
  const { roles } = useAuth();
  const config = useConfig();
  if (!isAllowed(roles, "POST", "/api/procurement/purchase-orders")) return <Forbidden />;
  return (
    <Flex vertical gap="middle">
      <Link to={PO_LIST}>← {t("nav.purchaseOrders")}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("documents.po.new")}
      </Typography.Title>
      <OrderForm config={config} />
    </Flex>
  );
}

export function draftLinesOf(order: PurchaseOrder): DraftLine[] {
  return (order.lines ?? []).map((line) => ({
    key: newLineKey(),
    item: { id: line.item_id ?? "", code: line.item_code ?? "", name: line.item_name ?? "", unit: line.unit },
    warehouse: null,
    quantity: plainDecimal(line.quantity),
    unitPrice: plainDecimal(line.unit_price),
    discountPct: "",
    taxRate: "",
  }));
}

export function EditPurchaseOrderPage() {
  const { t } = useTranslation();
  const { orderId = "" } = useParams();
  const { api, roles } = useAuth();
  const config = useConfig();
  const order = useQuery({ queryKey: ["purchase-order", orderId], queryFn: () => purchasing.read(api, orderId) });
  if (!isAllowed(roles, "PATCH", `/api/procurement/purchase-orders/${orderId}`)) return <Forbidden />;
  if (order.isLoading) return <Spin />;
  if (order.isError) return <ErrorNotice error={order.error} onRetry={() => void order.refetch()} />;
  const doc = order.data!;
  const expected = doc.lines?.find((line) => line.expected_date)?.expected_date;
  return (
    <Flex vertical gap="middle">
      <Link to={`${PO_LIST}/${doc.id}`}>← {doc.number}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("documents.po.edit", { number: doc.number })}
      </Typography.Title>
      {doc.status !== "draft" ? (
        <Typography.Paragraph type="warning">{t("documents.form.notDraft")}</Typography.Paragraph>
      ) : (
        <OrderForm
          config={config}
          editing={doc}
          initial={{
            party: { id: doc.supplier_id ?? "", code: doc.supplier_code ?? "", name: doc.supplier_name ?? "" },
            order_date: doc.order_date ? dayjs(doc.order_date) : dayjs(),
            second_date: expected ? dayjs(expected) : null,
            notes: doc.notes ?? "",
          }}
          initialLines={draftLinesOf(doc)}
        />
      )}
    </Flex>
  );
}
