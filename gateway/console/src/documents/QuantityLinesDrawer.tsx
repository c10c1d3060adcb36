/**
 * Entering a document that takes quantities from another's lines (delivery note, return, credit note): one
 * quantity per line up to what is left, an optional reason or notes, a create through api/submission.ts.
 */
import { App, Button, Drawer, Flex, Input, Table, Typography } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../api/problem";
import { Cell } from "./CellMessages";
import { DocumentError } from "./DocumentError";
import { Quantity } from "./DocumentParts";
import { errorsOnGrid, prepareLines } from "./draftLines";
import { fieldErrorsOf, withoutField } from "./fieldErrors";
import { fillAvailable, isBlankQuantity, quantityProblems, quantityValue, type QuantityRow } from "./quantityLines";
import { useSubmission } from "./useSubmission";

export interface SourceLine {
  id: string;
  lineNo?: number;
  label: ReactNode;
  unit?: string | null;
  /** What may still be taken from the line. */
  available: string;
  /** Extra columns' values, in the order of `extraColumns`. */
  extra?: ReactNode[];
}

export interface QuantityRequest {
  lines: { id: string; quantity: string }[];
  text: string | null;
}

export function QuantityLinesDrawer<Result extends { number?: string }>({
  title, lines, extraColumns = [], availableLabel, fillLabel, submitLabel, textField, open, onClose, submit, onDone, formName,
}: {
  title: string;
  lines: SourceLine[];
  extraColumns?: string[];
  availableLabel: string;
  fillLabel: string;
  submitLabel: string;
  /** A reason (required: returns, credit notes) or notes (optional: deliveries). */
  textField: { label: string; required: boolean; field: string; maxLength: number };
  open: boolean;
  onClose(): void;
  submit(request: QuantityRequest, idempotencyKey: string): Promise<Result>;
  onDone(result: Result): void;
  formName: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<QuantityRow[]>(() => lines.map((line) => ({ id: line.id, quantity: "" })));
  const [text, setText] = useState("");
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const submission = useSubmission<Result>();
  const available = (id: string) => lines.find((line) => line.id === id)?.available ?? "0";
  const problems = quantityProblems(rows, available);
  const textMissing = textField.required && !text.trim();

  function messages(index: number): string[] {
    const own = problems[`lines.${index}.quantity`];
    return [...(own ? [t(`documents.entry.${own}`, { places: 4 })] : []), ...(serverErrors[`lines.${index}.quantity`] ?? []), ...(serverErrors[`lines.${index}`] ?? [])];
  }

  async function send() {
    setAttempted(true);
    const prepared = prepareLines(rows, (row) => ({ id: row.id, quantity: quantityValue(row) }), isBlankQuantity);
    if (prepared.lines.length === 0) {
      message.warning(t("documents.quantities.nothing"));
      return;
    }
    if (Object.keys(problems).length > 0 || textMissing) return;
    const result = await submission.run((key) =>
      submit({ lines: prepared.lines, text: text.trim() || null }, key).catch((error) => {
        setServerErrors(errorsOnGrid(fieldErrorsOf(error), prepared.gridIndexOf));
        throw error;
      }),
    );
    if (result) {
      message.success(t("documents.quantities.done", { number: result.number }));
      onDone(result);
    }
  }

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={900}
      title={title}
      destroyOnHidden
      extra={
        <Button type="primary" loading={submission.saving} onClick={() => void send()} data-action={`submit-${formName}`}>
          {submitLabel}
        </Button>
      }
    >
      <Flex vertical gap="middle" data-form={formName}>
        <Button onClick={() => setRows(fillAvailable(rows, available))} data-action="fill-available" style={{ alignSelf: "flex-start" }}>
          {fillLabel}
        </Button>
        <Table<QuantityRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          scroll={{ x: "max-content" }}
          columns={[
            { key: "no", title: "#", width: 44, render: (_, __, index) => lines[index].lineNo ?? index + 1 },
            { key: "label", title: t("documents.grid.item"), render: (_, __, index) => lines[index].label },
            ...extraColumns.map((title, column) => ({ key: `extra-${column}`, title, align: "right" as const, render: (_: unknown, __: QuantityRow, index: number) => lines[index].extra?.[column] })),
            { key: "available", title: availableLabel, align: "right", render: (_, __, index) => <Quantity value={lines[index].available} unit={lines[index].unit} /> },
            {
              key: "quantity",
              title: t("documents.grid.quantity"),
              width: 150,
              render: (_, row, index) => (
                <Cell path={`lines.${index}.quantity`} messages={messages(index)}>
                  {(state) => (
                    <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.quantity}
                      aria-label={t("documents.grid.cellLabel.quantity", { line: lines[index].lineNo ?? index + 1 })}
                      onChange={(event) => {
                        setRows(rows.map((other, position) => (position === index ? { ...other, quantity: event.target.value } : other)));
                        setServerErrors(withoutField(serverErrors, `lines.${index}.quantity`));
                      }} />
                  )}
                </Cell>
              ),
            },
          ]}
        />
        <div>
          <Typography.Text>{textField.label}</Typography.Text>
          <Input.TextArea
            value={text}
            status={(attempted && textMissing) || serverErrors[textField.field] ? "error" : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setServerErrors(withoutField(serverErrors, textField.field));
            }}
            maxLength={textField.maxLength}
            rows={2}
            aria-label={textField.label}
          />
          {attempted && textMissing && <div className="erp-cell-error">{t("documents.entry.required")}</div>}
          {serverErrors[textField.field] && <div className="erp-cell-error">{serverErrors[textField.field].join(" ")}</div>}
        </div>
        {submission.error !== null && (
          <DocumentError error={submission.error} shownAt={(path) => /^lines\.\d+/.test(path) || path === textField.field} onRetry={() => void send()} />
        )}
      </Flex>
    </Drawer>
  );
}
