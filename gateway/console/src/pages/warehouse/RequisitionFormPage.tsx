/** New material requisition: the department and the employee asking, when it is needed, and the lines. */
import { DatePicker, Flex, Form, Input, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { prepareLines } from "../../documents/draftLines";
import type { PartyRef } from "../../documents/lookups";
import { isoDate } from "../../documents/OrderForm";
import { RecordLookup } from "../../documents/RecordLookup";
import { Forbidden } from "../StatusPages";
import { ItemDocumentForm, type ItemDocumentConfig } from "./ItemDocumentForm";
import { isBlankItemLine, itemLineBody } from "./itemLines";
import { requisitions, REQUISITIONS_API, type Requisition, type RequisitionBody } from "./warehouseDocsApi";
import { DEPARTMENT_LOOKUP, EMPLOYEE_LOOKUP } from "./warehouseLookups";

export const REQUISITION_LIST = "/inventory/requisitions";

interface RequisitionHeader {
  department: PartyRef | null;
  employee: PartyRef | null;
  neededBy: Dayjs | null;
  notes: string;
}

export function NewRequisitionPage() {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const [form] = Form.useForm<RequisitionHeader>();
  if (!isAllowed(roles, "POST", REQUISITIONS_API)) return <Forbidden />;
  const config: ItemDocumentConfig<RequisitionHeader, Requisition> = {
    withWarehouse: true,
    headerFields: { department_id: "department", requested_by: "employee", needed_by: "neededBy", notes: "notes" },
    body(header, lines) {
      const prepared = prepareLines(lines, (line) => itemLineBody(line, true), isBlankItemLine);
      const body: RequisitionBody = {
        department_id: header.department?.id ?? "",
        requested_by: header.employee?.id ?? "",
        needed_by: isoDate(header.neededBy),
        notes: header.notes?.trim() || null,
        lines: prepared.lines.map((line) => ({ ...line, warehouse_id: line.warehouse_id ?? "" })),
      };
      return { body, prepared };
    },
    create: (body, key) => requisitions.create(api, body as RequisitionBody, key),
    detailPath: (doc) => `${REQUISITION_LIST}/${doc.id}`,
    listPath: REQUISITIONS_API,
    queryKey: "material-requisition",
    formName: "requisition",
    saveLabelKey: "warehouseDocs.requisition.save",
  };
  const required = [{ required: true, message: t("documents.entry.required") }];
  return (
    <Flex vertical gap="middle" data-document="material-requisition" data-status="new">
      <Link to={REQUISITION_LIST}>← {t("screens.nav.requisitions")}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("warehouseDocs.requisition.new")}
      </Typography.Title>
      <ItemDocumentForm config={config} form={form} initialValues={{ department: null, employee: null, neededBy: null, notes: "" }}>
        <Flex wrap gap="middle">
          <Form.Item name="department" label={t("warehouseDocs.lookup.department")} rules={required} style={{ minWidth: 280, flex: "1 1 280px" }}>
            <RecordLookup source={DEPARTMENT_LOOKUP} value={null} onChange={() => {}} aria-label={t("warehouseDocs.lookup.department")} />
          </Form.Item>
          <Form.Item name="employee" label={t("warehouseDocs.lookup.employee")} rules={required} style={{ minWidth: 280, flex: "1 1 280px" }}>
            <RecordLookup source={EMPLOYEE_LOOKUP} value={null} onChange={() => {}} aria-label={t("warehouseDocs.lookup.employee")} />
          </Form.Item>
          <Form.Item name="neededBy" label={t("warehouseDocs.requisition.neededBy")}>
            <DatePicker aria-label={t("warehouseDocs.requisition.neededBy")} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t("documents.form.notes")}>
          <Input.TextArea rows={2} maxLength={2000} aria-label={t("documents.form.notes")} />
        </Form.Item>
      </ItemDocumentForm>
    </Flex>
  );
}
