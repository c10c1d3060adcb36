/** New sales order, and changing a draft: customer, dates, lines (item, warehouse, quantity, price, discount, tax). */
import { useQuery } from "@tanstack/react-query";
import { Flex, Spin, Typography } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { newLineKey, prepareLines, SALES_COLUMNS, salesLineBody, type DraftLine } from "../../documents/draftLines";
import { plainDecimal } from "../../documents/entry";
import { CUSTOMER_LOOKUP } from "../../documents/lookups";
import { isoDate, OrderForm, type OrderFormConfig } from "../../documents/OrderForm";
import type { SalesOrder } from "../../documents/types";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { Forbidden } from "../StatusPages";
import { selling, type SalesOrderBody } from "./salesApi";

export const SO_LIST = "/sales/sales-orders";

function useConfig(): OrderFormConfig<SalesOrder> {
  const { api } = useAuth();
  return {
    partyField: "customer_id",
    partySource: CUSTOMER_LOOKUP,
    partyLabelKey: "fields.customer",
    secondDateField: "requested_date",
    secondDateLabelKey: "fields.requestedDate",
    columns: SALES_COLUMNS,
    body(header, lines) {
      const prepared = prepareLines(lines, salesLineBody);
      const body: SalesOrderBody = {
        customer_id: header.party?.id ?? "",
        order_date: isoDate(header.order_date),
        requested_date: isoDate(header.second_date),
        notes: header.notes?.trim() || null,
        lines: prepared.lines,
      };
      return { body, prepared };
    },
    create: (body, key) => selling.create(api, body as SalesOrderBody, key),
    update: (id, body) => selling.update(api, id, body as SalesOrderBody),
    then: { labelKey: "documents.so.saveAndConfirm", run: (order) => selling.transition(api, order.id ?? "", "confirm") },
    detailPath: (order) => `${SO_LIST}/${order.id}`,
    listPath: "/api/sales/sales-orders",
    queryKey: "sales-order",
  };
}

export function NewSalesOrderPage() {
  const { t } = useTranslation();
  const { roles } = useAuth();
  const config = useConfig();
  if (!isAllowed(roles, "POST", "/api/sales/sales-orders")) return <Forbidden />;
  return (
    <Flex vertical gap="middle">
      <Link to={SO_LIST}>← {t("nav.salesOrders")}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("documents.so.new")}
      </Typography.Title>
      <OrderForm config={config} />
    </Flex>
  );
}

export function salesDraftLines(order: SalesOrder): DraftLine[] {
  return (order.lines ?? []).map((line) => ({
    key: newLineKey(),
    item: { id: line.item_id ?? "", code: line.item_code ?? "", name: line.item_name ?? "", unit: line.unit },
    warehouse: { id: line.warehouse_id ?? "", code: line.warehouse_code ?? "" },
    quantity: plainDecimal(line.quantity),
    unitPrice: plainDecimal(line.unit_price),
    discountPct: plainDecimal(line.discount_pct),
    taxRate: plainDecimal(line.tax_rate),
  }));
}

export function EditSalesOrderPage() {
  const { t } = useTranslation();
  const { orderId = "" } = useParams();
  const { api, roles } = useAuth();
  const config = useConfig();
  const order = useQuery({ queryKey: ["sales-order", orderId], queryFn: () => selling.read(api, orderId) });
  if (!isAllowed(roles, "PATCH", `/api/sales/sales-orders/${orderId}`)) return <Forbidden />;
  if (order.isLoading) return <Spin />;
  if (order.isError) return <ErrorNotice error={order.error} onRetry={() => void order.refetch()} />;
  const doc = order.data!;
  return (
    <Flex vertical gap="middle">
      <Link to={`${SO_LIST}/${doc.id}`}>← {doc.number}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("documents.so.edit", { number: doc.number })}
      </Typography.Title>
      {doc.status !== "draft" ? (
        <Typography.Paragraph type="warning">{t("documents.form.notDraft")}</Typography.Paragraph>
      ) : (
        <OrderForm
          config={config}
          editing={doc}
          initial={{
            party: { id: doc.customer_id ?? "", code: doc.customer_code ?? "", name: doc.customer_name ?? "" },
            order_date: doc.order_date ? dayjs(doc.order_date) : dayjs(),
            second_date: doc.requested_date ? dayjs(doc.requested_date) : null,
            notes: doc.notes ?? "",
          }}
          initialLines={salesDraftLines(doc)}
        />
      )}
    </Flex>
  );
}
