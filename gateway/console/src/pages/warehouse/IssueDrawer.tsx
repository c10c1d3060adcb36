/**
 * Issuing material against an approved requisition: per open line a quantity (at first what remains), the
 * stock available at the line's warehouse now, and a batch where the line names none. Partial issues are
 * fine; rows left empty are not sent. A create through api/submission.ts (one Idempotency-Key across retries).
 */
import { useQueries } from "@tanstack/react-query";
import { App, Button, Drawer, Flex, Input, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/problem";
import { useAuth } from "../../auth/AuthProvider";
import { Cell } from "../../documents/CellMessages";
import { DocumentError } from "../../documents/DocumentError";
import { Quantity } from "../../documents/DocumentParts";
import { errorsOnGrid, prepareLines } from "../../documents/draftLines";
import { fieldErrorsOf, withoutField } from "../../documents/fieldErrors";
import { useSubmission } from "../../documents/useSubmission";
import { defaultIssueRows, fillFromAvailable, isBlankIssue, issueLineBody, issueProblems, openLines, remainingOf, totalAvailable, type IssueRow } from "./issueLines";
import { availableStock, requisitions, type MaterialIssue, type Requisition } from "./warehouseDocsApi";

export function IssueDrawer({ requisition, onClose, onIssued }: { requisition: Requisition; onClose(): void; onIssued(issue: MaterialIssue): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { message } = App.useApp();
  const lines = openLines(requisition.lines ?? []);
  const [rows, setRows] = useState<IssueRow[]>(() => defaultIssueRows(lines));
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const submission = useSubmission<MaterialIssue>();
  const stock = useQueries({
    queries: lines.map((line) => ({
      queryKey: ["stock-available", line.item_id, line.warehouse_id, line.batch_no ?? ""],
      queryFn: () => availableStock(api, line.item_id ?? "", line.warehouse_id ?? "", line.batch_no),
    })),
  });
  const lineOf = (id: string) => lines.find((line) => line.id === id)!;
  const remainingFor = (id: string) => remainingOf(lineOf(id));
  const availableFor = (id: string) => {
    const result = stock[lines.findIndex((line) => line.id === id)];
    return result?.data ? totalAvailable(result.data) : undefined;
  };
  const problems = issueProblems(rows, remainingFor);

  function messages(index: number, field: "quantity" | "batch_no"): string[] {
    const own = problems[`lines.${index}.${field}`];
    const text = own === "moreThanRemaining" || own === "batchTooLong" ? t(`warehouseDocs.entry.${own}`) : own ? t(`documents.entry.${own}`, { places: 4 }) : null;
    return [...(text ? [text] : []), ...(serverErrors[`lines.${index}.${field}`] ?? []), ...(field === "quantity" ? (serverErrors[`lines.${index}`] ?? []) : [])];
  }

  function edit(index: number, change: Partial<IssueRow>, field: string) {
    setRows(rows.map((row, position) => (position === index ? { ...row, ...change } : row)));
    setServerErrors(withoutField(serverErrors, `lines.${index}.${field}`));
  }

  async function send() {
    const prepared = prepareLines(rows, issueLineBody, isBlankIssue);
    if (prepared.lines.length === 0) {
      message.warning(t("warehouseDocs.issue.nothing"));
      return;
    }
    if (Object.keys(problems).length > 0) return;
    const issue = await submission.run((key) =>
      requisitions.issue(api, requisition.id ?? "", { lines: prepared.lines }, key).catch((error: unknown) => {
        setServerErrors(errorsOnGrid(fieldErrorsOf(error), prepared.gridIndexOf));
        throw error;
      }),
    );
    if (issue) {
      message.success(t("warehouseDocs.issue.done", { number: issue.number }));
      onIssued(issue);
    }
  }

  return (
    <Drawer open onClose={onClose} size={960} title={t("warehouseDocs.issue.title", { number: requisition.number })} destroyOnHidden
      extra={
        <Button type="primary" loading={submission.saving} disabled={lines.length === 0} onClick={() => void send()} data-action="submit-issue">
          {t("warehouseDocs.issue.submit")}
        </Button>
      }
    >
      <Flex vertical gap="middle" data-form="issue">
        {lines.length === 0 ? (
          <Typography.Text type="secondary">{t("warehouseDocs.issue.nothingOpen")}</Typography.Text>
        ) : (
          <Button style={{ alignSelf: "flex-start" }} data-action="fill-available" onClick={() => setRows(fillFromAvailable(rows, remainingFor, availableFor))}>
            {t("warehouseDocs.issue.fill")}
          </Button>
        )}
        <Table<IssueRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: "max-content" }}
          columns={[
            { key: "no", title: "#", width: 44, render: (_, row) => lineOf(row.id).line_no },
            { key: "item", title: t("documents.grid.item"), render: (_, row) => <>{lineOf(row.id).item_code} <Typography.Text type="secondary">{lineOf(row.id).item_name}</Typography.Text></> },
            { key: "warehouse", title: t("documents.grid.warehouse"), render: (_, row) => lineOf(row.id).warehouse_code },
            { key: "remaining", title: t("warehouseDocs.requisition.remaining"), align: "right", render: (_, row) => <Quantity value={remainingFor(row.id)} unit={lineOf(row.id).unit} /> },
            {
              key: "available", title: t("warehouseDocs.issue.available"), align: "right",
              render: (_, row) => {
                const available = availableFor(row.id);
                return available === undefined ? <Typography.Text type="secondary">{t("warehouseDocs.issue.availableUnknown")}</Typography.Text> : <Quantity value={available} />;
              },
            },
            {
              key: "quantity", title: t("documents.grid.quantity"), width: 150,
              render: (_, row, index) => (
                <Cell path={`lines.${index}.quantity`} messages={messages(index, "quantity")}>
                  {(state) => (
                    <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.quantity}
                      aria-label={t("warehouseDocs.issue.line", { line: lineOf(row.id).line_no })}
                      onChange={(event) => edit(index, { quantity: event.target.value }, "quantity")} />
                  )}
                </Cell>
              ),
            },
            {
              key: "batch", title: t("warehouseDocs.grid.batch"), width: 170,
              render: (_, row, index) =>
                lineOf(row.id).batch_no ? (
                  lineOf(row.id).batch_no
                ) : (
                  <Cell path={`lines.${index}.batch_no`} messages={messages(index, "batch_no")}>
                    {(state) => (
                      <Input {...state} autoComplete="off" value={row.batch} placeholder={t("warehouseDocs.grid.batchPlaceholder")}
                        aria-label={t("warehouseDocs.grid.batchLabel", { line: lineOf(row.id).line_no })}
                        onChange={(event) => edit(index, { batch: event.target.value }, "batch_no")} />
                    )}
                  </Cell>
                ),
            },
          ]}
        />
        {submission.error !== null && <DocumentError error={submission.error} shownAt={(path) => /^lines\.\d+/.test(path)} onRetry={() => void send()} />}
      </Flex>
    </Drawer>
  );
}
