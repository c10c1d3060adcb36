/** New transfer: from one warehouse to another, and the lines; it starts as a draft, nothing moves yet. */
import { Flex, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { prepareLines, type WarehouseRef } from "../../documents/draftLines";
import { WAREHOUSE_LOOKUP } from "../../documents/lookups";
import { RecordLookup } from "../../documents/RecordLookup";
import { Forbidden } from "../StatusPages";
import { ItemDocumentForm, type ItemDocumentConfig } from "./ItemDocumentForm";
import { isBlankItemLine, itemLineBody } from "./itemLines";
import { transfers, TRANSFERS_API, type Transfer, type TransferBody } from "./warehouseDocsApi";

export const TRANSFER_LIST = "/inventory/transfers";

interface TransferHeader {
  from: WarehouseRef | null;
  to: WarehouseRef | null;
  notes: string;
}

export function NewTransferPage() {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const [form] = Form.useForm<TransferHeader>();
  if (!isAllowed(roles, "POST", TRANSFERS_API)) return <Forbidden />;
  const config: ItemDocumentConfig<TransferHeader, Transfer> = {
    withWarehouse: false,
    headerFields: { from_warehouse_id: "from", to_warehouse_id: "to", notes: "notes" },
    body(header, lines) {
      const prepared = prepareLines(lines, (line) => itemLineBody(line, false), isBlankItemLine);
      const body: TransferBody = {
        from_warehouse_id: header.from?.id ?? "",
        to_warehouse_id: header.to?.id ?? "",
        notes: header.notes?.trim() || null,
        lines: prepared.lines.map(({ item_id, quantity, batch_no }) => ({ item_id, quantity, batch_no })),
      };
      return { body, prepared };
    },
    create: (body, key) => transfers.create(api, body as TransferBody, key),
    detailPath: (doc) => `${TRANSFER_LIST}/${doc.id}`,
    listPath: TRANSFERS_API,
    queryKey: "transfer",
    formName: "transfer",
    saveLabelKey: "warehouseDocs.transfer.save",
  };
  const required = { required: true, message: t("documents.entry.required") };
  const different = ({ getFieldValue }: { getFieldValue(name: string): WarehouseRef | null }) => ({
    validator: (_: unknown, value: WarehouseRef | null) =>
      value && getFieldValue("from")?.id === value.id ? Promise.reject(new Error(t("warehouseDocs.transfer.sameWarehouse"))) : Promise.resolve(),
  });
  return (
    <Flex vertical gap="middle" data-document="transfer" data-status="new">
      <Link to={TRANSFER_LIST}>← {t("screens.nav.transfers")}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("warehouseDocs.transfer.new")}
      </Typography.Title>
      <ItemDocumentForm config={config} form={form} initialValues={{ from: null, to: null, notes: "" }}>
        <Flex wrap gap="middle">
          <Form.Item name="from" label={t("warehouseDocs.transfer.from")} rules={[required]} style={{ minWidth: 280, flex: "1 1 280px" }}>
            <RecordLookup source={WAREHOUSE_LOOKUP} value={null} onChange={() => {}} aria-label={t("warehouseDocs.transfer.from")} />
          </Form.Item>
          <Form.Item name="to" label={t("warehouseDocs.transfer.to")} dependencies={["from"]} rules={[required, different]} style={{ minWidth: 280, flex: "1 1 280px" }}>
            <RecordLookup source={WAREHOUSE_LOOKUP} value={null} onChange={() => {}} aria-label={t("warehouseDocs.transfer.to")} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t("documents.form.notes")}>
          <Input.TextArea rows={2} maxLength={2000} aria-label={t("documents.form.notes")} />
        </Form.Item>
      </ItemDocumentForm>
    </Flex>
  );
}
