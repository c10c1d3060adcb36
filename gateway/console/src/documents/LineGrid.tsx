/**
 * The line items of a document being entered: item (type-ahead on the server), warehouse where the document
 * needs one, quantity, unit price, discount and tax where it has them; live line amounts and totals computed
 * exactly as the service will (lineMath.ts). Keyboard: Tab moves through the cells, Enter moves to the next
 * cell and, in the last cell of the last line, adds a line; each line has a delete button.
 * Problems show at their cell: the grid's own checks once a cell was left (or after a submit attempt), and
 * the server's field errors ("lines.0.quantity") until that cell is edited.
 *
 * Long documents stay quick to type in: a keystroke replaces one line object, and only that line's cells
 * render again (`shouldCellUpdate`); everything else renders again only when something every cell shows has
 * changed (problems shown, errors, language, a line removed). The handlers of cells that were not rendered
 * again therefore read the current lines and errors from refs, never from the render they were made in.
 */
import "./documents.css";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../api/problem";
import { formatAmount } from "../decimal/format";
import { useLanguage } from "../i18n/LanguageProvider";
import {
  blankLine, cellProblem, cellsOf, cellText, documentTotals, isBlank, lineFigures, type CellName, type DraftLine, type GridColumns,
} from "./draftLines";
import { withoutField, withoutLineErrors } from "./fieldErrors";
import { ITEM_LOOKUP, WAREHOUSE_LOOKUP } from "./lookups";
import { RecordLookup } from "./RecordLookup";

export interface LineGridProps {
  columns: GridColumns;
  lines: DraftLine[];
  onChange(lines: DraftLine[]): void;
  /** The server's field errors, keyed by grid row ("lines.2.unit_price"); see draftLines.errorsOnGrid. */
  serverErrors: FieldErrors;
  onServerErrorsChange(errors: FieldErrors): void;
  /** Show every problem, not only those of cells already left (set after a submit attempt). */
  showAllProblems: boolean;
  disabled?: boolean;
}

const PLACES: Partial<Record<CellName, number>> = { quantity: 4, unit_price: 4, discount_pct: 2, tax_rate: 2 };
const TEXT_FIELDS: Partial<Record<CellName, keyof DraftLine>> = {
  quantity: "quantity", unit_price: "unitPrice", discount_pct: "discountPct", tax_rate: "taxRate",
};

export function cellId(index: number, cell: string): string {
  return `lines.${index}.${cell}`;
}

export function LineGrid({ columns, lines, onChange, serverErrors, onServerErrorsChange, showAllProblems, disabled }: LineGridProps) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const container = useRef<HTMLDivElement>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [removals, setRemovals] = useState(0);
  const current = useRef({ lines, onChange, serverErrors, onServerErrorsChange });
  useLayoutEffect(() => {
    current.current = { lines, onChange, serverErrors, onServerErrorsChange };
  });
  // What every cell shows besides its own line: when any of it changes, all cells render again.
  const shared = [columns, serverErrors, showAllProblems, disabled, language, removals];
  const sharedBefore = useRef<unknown[]>([]);
  const sharedChanged = shared.some((value, position) => value !== sharedBefore.current[position]);
  // Leaving a cell marks it touched: only its own line shows anything new.
  const touchedBefore = useRef(touched);
  const touchedChangedOn = (line: DraftLine) =>
    touched !== touchedBefore.current && cells.some((name) => touched.has(`${line.key}:${name}`) !== touchedBefore.current.has(`${line.key}:${name}`));
  useEffect(() => {
    sharedBefore.current = shared;
    touchedBefore.current = touched;
  });
  const pendingFocus = useRef<{ index: number; cell: CellName } | null>(null);
  const cells = cellsOf(columns);
  const lastCell = cells[cells.length - 1];
  const totals = documentTotals(lines, columns);

  function focusNow(index: number, cell: CellName) {
    const element = container.current?.querySelector<HTMLInputElement>(`[data-cell="${cellId(index, cell)}"] input`);
    element?.focus();
  }

  function focusCell(index: number, cell: CellName) {
    pendingFocus.current = { index, cell };
    requestAnimationFrame(() => {
      if (pendingFocus.current) focusNow(pendingFocus.current.index, pendingFocus.current.cell);
      pendingFocus.current = null;
    });
  }

  useEffect(() => {
    if (pendingFocus.current) {
      focusNow(pendingFocus.current.index, pendingFocus.current.cell);
    }
  }, [lines.length]);

  function update(index: number, cell: CellName, change: Partial<DraftLine>) {
    const now = current.current;
    const changed = now.lines.map((line, position) => (position === index ? { ...line, ...change } : line));
    now.lines = changed; // a second change before the next render builds on this one
    now.onChange(changed);
    const path = cellId(index, cell);
    if (now.serverErrors[path] || now.serverErrors[`lines.${index}`]) {
      now.serverErrors = withoutField(withoutField(now.serverErrors, path), `lines.${index}`);
      now.onServerErrorsChange(now.serverErrors);
    }
  }

  function addLine() {
    const now = current.current;
    const longer = [...now.lines, blankLine(now.lines[now.lines.length - 1])];
    now.lines = longer;
    now.onChange(longer);
    focusCell(longer.length - 1, "item_id");
  }

  function removeLine(index: number) {
    const now = current.current;
    const rest = now.lines.filter((_, position) => position !== index);
    now.lines = rest.length > 0 ? rest : [blankLine()];
    now.onChange(now.lines);
    setRemovals((count) => count + 1); // rows below move up: their numbers and labels change
    // Rows below move up: the server's messages would point at the wrong rows now.
    now.serverErrors = withoutLineErrors(now.serverErrors);
    now.onServerErrorsChange(now.serverErrors);
    focusCell(Math.min(index, Math.max(rest.length - 1, 0)), "item_id");
  }

  function leave(line: DraftLine, cell: CellName) {
    const key = `${line.key}:${cell}`;
    setTouched((before) => (before.has(key) ? before : new Set(before).add(key)));
  }

  function onEnter(event: KeyboardEvent<HTMLElement>, index: number, cell: CellName) {
    if (event.key !== "Enter" || event.nativeEvent.isComposing || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const now = current.current.lines;
    const position = cells.indexOf(cell);
    if (position < cells.length - 1) focusCell(index, cells[position + 1]);
    else if (index < now.length - 1) focusCell(index + 1, cells[0]);
    else if (!isBlank(now[index])) addLine();
  }

  function messagesOf(line: DraftLine, index: number, cell: CellName): string[] {
    const messages = [...(serverErrors[cellId(index, cell)] ?? [])];
    const problem = isBlank(line) ? null : cellProblem(line, cell);
    if (problem && (showAllProblems || touched.has(`${line.key}:${cell}`))) {
      messages.unshift(t(`documents.entry.${problem}`, { places: PLACES[cell] ?? 0 }));
    }
    return messages;
  }

  /** Messages about the line as a whole or a field without a cell here (e.g. "lines.0.expected_date"). */
  function lineMessages(index: number): string[] {
    const prefix = `lines.${index}`;
    return Object.entries(serverErrors)
      .filter(([path]) => path === prefix || (path.startsWith(`${prefix}.`) && !cells.includes(path.slice(prefix.length + 1) as CellName)))
      .flatMap(([path, messages]) => (path === prefix ? messages : messages.map((message) => `${path.slice(prefix.length + 1)}: ${message}`)));
  }

  function cell(line: DraftLine, index: number, name: CellName, control: (props: CellProps) => ReactNode): ReactNode {
    const messages = messagesOf(line, index, name);
    const errorId = `${cellId(index, name)}.error`;
    return (
      <div data-cell={cellId(index, name)}>
        {control({
          status: messages.length > 0 ? "error" : undefined,
          "aria-invalid": messages.length > 0 || undefined,
          "aria-describedby": messages.length > 0 ? errorId : undefined,
          "aria-label": t(`documents.grid.cellLabel.${name}`, { line: index + 1 }),
          disabled,
        })}
        {messages.length > 0 && (
          <div id={errorId} className="erp-cell-error">
            {messages.join(" ")}
          </div>
        )}
      </div>
    );
  }

  function numberCell(line: DraftLine, index: number, name: CellName, suffix?: string): ReactNode {
    const field = TEXT_FIELDS[name]!;
    return cell(line, index, name, (props) => (
      <Input
        {...props}
        value={cellText(line, name)}
        inputMode="decimal"
        autoComplete="off"
        className="erp-number-input"
        suffix={suffix ? <span className="erp-cell-suffix">{suffix}</span> : undefined}
        onChange={(event) => update(index, name, { [field]: event.target.value })}
        onBlur={() => leave(line, name)}
        onKeyDown={(event) => onEnter(event, index, name)}
      />
    ));
  }

  const amount = (value: string | null | undefined) => (value ? <span className="erp-number">{formatAmount(value, language)}</span> : <Typography.Text type="secondary">—</Typography.Text>);

  const tableColumns: ColumnsType<DraftLine> = [
    {
      key: "no",
      title: "#",
      width: 44,
      render: (_, __, index) => <Typography.Text type="secondary">{index + 1}</Typography.Text>,
    },
    {
      key: "item_id",
      title: t("documents.grid.item"),
      width: 300,
      render: (_, line, index) => (
        <>
          {cell(line, index, "item_id", (props) => (
            <RecordLookup
              {...props}
              source={ITEM_LOOKUP}
              value={line.item}
              placeholder={t("documents.grid.itemPlaceholder")}
              onChange={(item) => {
                update(index, "item_id", { item });
                if (item) focusCell(index, cells[1]);
              }}
              onBlur={() => leave(line, "item_id")}
            />
          ))}
          {lineMessages(index).map((message) => (
            <div key={message} className="erp-cell-error">
              {message}
            </div>
          ))}
        </>
      ),
    },
    ...(columns.warehouse
      ? [
          {
            key: "warehouse_id",
            title: t("documents.grid.warehouse"),
            width: 200,
            render: (_: unknown, line: DraftLine, index: number) =>
              cell(line, index, "warehouse_id", (props) => (
                <RecordLookup
                  {...props}
                  source={WAREHOUSE_LOOKUP}
                  value={line.warehouse}
                  placeholder={t("documents.grid.warehousePlaceholder")}
                  onChange={(warehouse) => {
                    update(index, "warehouse_id", { warehouse });
                    if (warehouse) focusCell(index, "quantity");
                  }}
                  onBlur={() => leave(line, "warehouse_id")}
                />
              )),
          },
        ]
      : []),
    {
      key: "quantity",
      title: t("documents.grid.quantity"),
      width: 140,
      render: (_, line, index) => numberCell(line, index, "quantity", line.item?.unit ?? undefined),
    },
    {
      key: "unit_price",
      title: t("documents.grid.unitPrice"),
      width: 140,
      render: (_, line, index) => numberCell(line, index, "unit_price"),
    },
    ...(columns.discount
      ? [{ key: "discount_pct", title: t("documents.grid.discount"), width: 100, render: (_: unknown, line: DraftLine, index: number) => numberCell(line, index, "discount_pct", "%") }]
      : []),
    ...(columns.tax
      ? [{ key: "tax_rate", title: t("documents.grid.taxRate"), width: 100, render: (_: unknown, line: DraftLine, index: number) => numberCell(line, index, "tax_rate", "%") }]
      : []),
    ...(columns.tax || columns.discount
      ? [
          { key: "net", title: t("documents.grid.net"), align: "right" as const, width: 120, render: (_: unknown, line: DraftLine) => amount(lineFigures(line, columns)?.net) },
          ...(columns.tax
            ? [{ key: "tax", title: t("documents.grid.tax"), align: "right" as const, width: 110, render: (_: unknown, line: DraftLine) => amount(lineFigures(line, columns)?.tax) }]
            : []),
        ]
      : []),
    {
      key: "total",
      title: t("documents.grid.amount"),
      align: "right",
      width: 130,
      render: (_, line, index) => <span data-amount={`lines.${index}`}>{amount(lineFigures(line, columns)?.total)}</span>,
    },
    {
      key: "delete",
      width: 48,
      render: (_, __, index) => (
        <Button
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t("documents.grid.deleteLine", { line: index + 1 })}
          title={t("documents.grid.deleteLine", { line: index + 1 })}
          disabled={disabled}
          onClick={() => removeLine(index)}
        />
      ),
    },
  ];
  const rendersAgain = (line: DraftLine, before: DraftLine) => sharedChanged || line !== before || touchedChangedOn(line);
  for (const column of tableColumns) column.shouldCellUpdate = rendersAgain;
  const amountColumns = tableColumns.length;
  const summaryLabelSpan = amountColumns - (columns.tax ? 4 : columns.discount ? 3 : 2);

  return (
    <div ref={container} className="erp-line-grid">
      <Table<DraftLine>
        rowKey="key"
        size="small"
        columns={tableColumns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: "max-content" }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={summaryLabelSpan}>
              <Flex justify="space-between" wrap gap="small">
                <Button icon={<PlusOutlined />} onClick={addLine} disabled={disabled}>
                  {t("documents.grid.addLine")}
                </Button>
                <Typography.Text type="secondary">
                  {totals.complete ? t("documents.grid.keyboardHint", { cell: t(`documents.grid.cellName.${lastCell}`) }) : t("documents.grid.incomplete")}
                </Typography.Text>
              </Flex>
            </Table.Summary.Cell>
            {(columns.tax || columns.discount) && (
              <Table.Summary.Cell index={1} align="right">
                <strong data-total="net">{amount(totals.net)}</strong>
              </Table.Summary.Cell>
            )}
            {columns.tax && (
              <Table.Summary.Cell index={2} align="right">
                <strong data-total="tax">{amount(totals.tax)}</strong>
              </Table.Summary.Cell>
            )}
            <Table.Summary.Cell index={3} align="right">
              <strong data-total="total" aria-label={t("documents.grid.documentTotal")}>
                {amount(totals.total)}
              </strong>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} />
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}

interface CellProps {
  status: "error" | undefined;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
  "aria-label": string;
  disabled: boolean | undefined;
}
