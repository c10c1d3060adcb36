/** The tables on a material requisition's page: its lines, and its issues with what came back from each. */
import { Button, Empty, Flex, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { compare } from "../../decimal/decimal";
import { Amount, Quantity } from "../../documents/DocumentParts";
import { QuantityLinesDrawer } from "../../documents/QuantityLinesDrawer";
import { remaining } from "../../documents/quantityLines";
import { useLanguage } from "../../i18n/LanguageProvider";
import { formatDate } from "../../lists/display";
import { requisitions, type MaterialIssue, type MaterialIssueLine, type Requisition, type RequisitionLine } from "./warehouseDocsApi";

export function RequisitionLinesTable({ requisition }: { requisition: Requisition }) {
  const { t } = useTranslation();
  return (
    <Table<RequisitionLine>
      rowKey="id"
      size="small"
      pagination={false}
      scroll={{ x: "max-content" }}
      dataSource={requisition.lines ?? []}
      data-table="requisition-lines"
      columns={[
        { key: "no", title: "#", dataIndex: "line_no", width: 44 },
        { key: "item", title: t("documents.grid.item"), render: (_, line) => <>{line.item_code} <Typography.Text type="secondary">{line.item_name}</Typography.Text></> },
        { key: "warehouse", title: t("documents.grid.warehouse"), dataIndex: "warehouse_code" },
        { key: "batch", title: t("warehouseDocs.grid.batch"), dataIndex: "batch_no" },
        { key: "requested", title: t("warehouseDocs.requisition.requested"), align: "right", render: (_, line) => <Quantity value={line.quantity} unit={line.unit} /> },
        { key: "issued", title: t("warehouseDocs.requisition.issued"), align: "right", render: (_, line) => <Quantity value={line.quantity_issued} /> },
        { key: "returned", title: t("warehouseDocs.requisition.returned"), align: "right", render: (_, line) => <Quantity value={line.quantity_returned} /> },
        { key: "remaining", title: t("warehouseDocs.requisition.remaining"), align: "right", render: (_, line) => <span data-remaining={line.line_no}><Quantity value={line.remaining_quantity} /></span> },
      ]}
    />
  );
}

/** What of an issue line may still come back: issued less returned. */
const returnable = (line: MaterialIssueLine) => remaining(line.quantity, line.quantity_returned);

function IssueLinesTable({ issue }: { issue: MaterialIssue }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Flex vertical gap="small">
      <Table<MaterialIssueLine>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={issue.lines ?? []}
        columns={[
          { key: "no", title: "#", dataIndex: "line_no", width: 44 },
          { key: "item", title: t("documents.grid.item"), render: (_, line) => `${line.item_code ?? ""} ${line.item_name ?? ""}` },
          { key: "warehouse", title: t("documents.grid.warehouse"), dataIndex: "warehouse_code" },
          { key: "batches", title: t("warehouseDocs.grid.batch"), render: (_, line) => (line.batches ?? []).map((batch) => batch.batch_no).filter(Boolean).join(", ") },
          { key: "quantity", title: t("warehouseDocs.requisition.issued"), align: "right", render: (_, line) => <Quantity value={line.quantity} unit={line.unit} /> },
          { key: "returned", title: t("warehouseDocs.requisition.returned"), align: "right", render: (_, line) => <Quantity value={line.quantity_returned} /> },
          { key: "cost", title: t("warehouseDocs.issue.cost"), align: "right", render: (_, line) => <Amount value={line.cost} /> },
          { key: "costReturned", title: t("warehouseDocs.issue.costReturned"), align: "right", render: (_, line) => <Amount value={line.cost_returned} /> },
        ]}
      />
      {(issue.returns ?? []).length > 0 && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          title={() => t("warehouseDocs.issue.returns")}
          dataSource={issue.returns ?? []}
          data-table="returns"
          columns={[
            { key: "number", title: t("fields.number"), dataIndex: "number" },
            { key: "at", title: t("warehouseDocs.return.returnedAt"), render: (_, row) => formatDate(row.returned_at, language, true) },
            { key: "by", title: t("documents.history.who"), dataIndex: "returned_by_name" },
            { key: "reason", title: t("documents.form.reason"), dataIndex: "reason" },
            { key: "cost", title: t("warehouseDocs.issue.cost"), align: "right", render: (_, row) => <Amount value={String(row.total_cost ?? "")} /> },
          ]}
        />
      )}
    </Flex>
  );
}

/** The issues, newest details as the API has them (`details`: the issue bodies already fetched, by id). */
export function IssuesTable({ requisition, details, onChanged }: { requisition: Requisition; details: Record<string, MaterialIssue | undefined>; onChanged(): void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { api, roles } = useAuth();
  const [returning, setReturning] = useState<MaterialIssue | null>(null);
  const issues = requisition.issues ?? [];
  if (issues.length === 0) return <Empty description={t("warehouseDocs.issue.noIssues")} />;
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={issues}
        data-table="issues"
        expandable={{
          defaultExpandAllRows: true,
          expandedRowRender: (summary) => {
            const issue = details[summary.id ?? ""];
            return issue ? <IssueLinesTable issue={issue} /> : null;
          },
        }}
        columns={[
          { key: "number", title: t("warehouseDocs.issue.number"), dataIndex: "number" },
          { key: "at", title: t("warehouseDocs.issue.issuedAt"), render: (_, issue) => formatDate(issue.issued_at, language, true) },
          { key: "by", title: t("documents.history.who"), dataIndex: "issued_by_name" },
          { key: "cost", title: t("warehouseDocs.issue.cost"), align: "right", render: (_, issue) => <Amount value={issue.total_cost} /> },
          {
            key: "return",
            render: (_, summary) => {
              const issue = details[summary.id ?? ""];
              const open = (issue?.lines ?? []).some((line) => compare(returnable(line), "0") > 0);
              if (!issue || !open || !isAllowed(roles, "POST", `/api/inventory/material-issues/${summary.id}/returns`)) return null;
              return (
                <Button size="small" data-action="return" onClick={() => setReturning(issue)}>
                  {t("warehouseDocs.issue.returnUnused")}
                </Button>
              );
            },
          },
        ]}
      />
      {returning && (
        <QuantityLinesDrawer
          open
          formName="return"
          title={t("warehouseDocs.return.title", { number: returning.number })}
          lines={(returning.lines ?? []).filter((line) => compare(returnable(line), "0") > 0).map((line) => ({
            id: line.id ?? "",
            lineNo: line.line_no,
            label: `${line.item_code ?? ""} ${line.item_name ?? ""}`,
            unit: line.unit,
            available: returnable(line),
          }))}
          availableLabel={t("warehouseDocs.return.returnable")}
          fillLabel={t("warehouseDocs.return.fill")}
          submitLabel={t("warehouseDocs.return.submit")}
          textField={{ label: t("documents.form.reason"), required: true, field: "reason", maxLength: 1000 }}
          onClose={() => setReturning(null)}
          submit={(request, key) =>
            requisitions.returnUnused(api, returning.id ?? "", { reason: request.text ?? "", lines: request.lines.map((line) => ({ issue_line_id: line.id, quantity: line.quantity })) }, key)
          }
          onDone={() => {
            setReturning(null);
            onChanged();
          }}
        />
      )}
    </>
  );
}
