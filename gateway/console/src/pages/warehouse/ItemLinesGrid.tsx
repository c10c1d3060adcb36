/**
 * The line grid of a warehouse document being entered (requisition, transfer): item and warehouse by
 * type-ahead, quantity, optional batch, and live quantity totals per unit. The keyboard works as in the order
 * grid (documents/LineGrid.tsx): Tab moves through the cells, Enter moves to the next cell and, in the last
 * cell of the last line, adds a line. Problems show at their cell: the grid's own once a cell was left (or
 * after a submit attempt), the server's ("lines.0.quantity") until that cell is edited.
 */
import "../../documents/documents.css";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/problem";
import { Quantity } from "../../documents/DocumentParts";
import { withoutField, withoutLineErrors } from "../../documents/fieldErrors";
import { ITEM_LOOKUP, WAREHOUSE_LOOKUP } from "../../documents/lookups";
import { RecordLookup } from "../../documents/RecordLookup";
import { blankItemLine, isBlankItemLine, itemCellProblem, itemCells, quantityTotals, type ItemCell, type ItemLine } from "./itemLines";

export interface ItemLinesGridProps {
  withWarehouse: boolean;
  lines: ItemLine[];
  onChange(lines: ItemLine[]): void;
  serverErrors: FieldErrors;
  onServerErrorsChange(errors: FieldErrors): void;
  showAllProblems: boolean;
  disabled?: boolean;
}

const cellId = (index: number, cell: string) => `lines.${index}.${cell}`;

interface CellProps {
  status: "error" | undefined;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
  "aria-label": string;
  disabled: boolean | undefined;
}

export function ItemLinesGrid({ withWarehouse, lines, onChange, serverErrors, onServerErrorsChange, showAllProblems, disabled }: ItemLinesGridProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const pendingFocus = useRef<{ index: number; cell: ItemCell } | null>(null);
  const cells = itemCells(withWarehouse);
  const totals = quantityTotals(lines);

  function focusNow(index: number, cell: ItemCell) {
    container.current?.querySelector<HTMLInputElement>(`[data-cell="${cellId(index, cell)}"] input`)?.focus();
  }

  function focusCell(index: number, cell: ItemCell) {
    pendingFocus.current = { index, cell };
    requestAnimationFrame(() => {
      if (pendingFocus.current) focusNow(pendingFocus.current.index, pendingFocus.current.cell);
      pendingFocus.current = null;
    });
  }

  useEffect(() => {
    if (pendingFocus.current) focusNow(pendingFocus.current.index, pendingFocus.current.cell);
  }, [lines.length]);

  function update(index: number, cell: ItemCell, change: Partial<ItemLine>) {
    onChange(lines.map((line, position) => (position === index ? { ...line, ...change } : line)));
    const path = cellId(index, cell);
    if (serverErrors[path] || serverErrors[`lines.${index}`]) onServerErrorsChange(withoutField(withoutField(serverErrors, path), `lines.${index}`));
  }

  function addLine() {
    onChange([...lines, blankItemLine(lines[lines.length - 1])]);
    focusCell(lines.length, "item_id");
  }

  function removeLine(index: number) {
    const rest = lines.filter((_, position) => position !== index);
    onChange(rest.length > 0 ? rest : [blankItemLine()]);
    // Rows below move up: the server's messages would point at the wrong rows now.
    onServerErrorsChange(withoutLineErrors(serverErrors));
    focusCell(Math.min(index, Math.max(rest.length - 1, 0)), "item_id");
  }

  function leave(line: ItemLine, cell: ItemCell) {
    const key = `${line.key}:${cell}`;
    if (!touched.has(key)) setTouched(new Set(touched).add(key));
  }

  function onEnter(event: KeyboardEvent<HTMLElement>, index: number, cell: ItemCell) {
    if (event.key !== "Enter" || event.nativeEvent.isComposing || event.shiftKey || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    const position = cells.indexOf(cell);
    if (position < cells.length - 1) focusCell(index, cells[position + 1]);
    else if (index < lines.length - 1) focusCell(index + 1, cells[0]);
    else if (!isBlankItemLine(lines[index])) addLine();
  }

  function messagesOf(line: ItemLine, index: number, name: ItemCell): string[] {
    const messages = [...(serverErrors[cellId(index, name)] ?? [])];
    const problem = isBlankItemLine(line) ? null : itemCellProblem(line, name);
    if (problem && (showAllProblems || touched.has(`${line.key}:${name}`))) {
      messages.unshift(problem === "batchTooLong" ? t("warehouseDocs.entry.batchTooLong") : t(`documents.entry.${problem}`, { places: 4 }));
    }
    return messages;
  }

  /** The server's messages about the line as a whole or a field without a cell here. */
  function lineMessages(index: number): string[] {
    const prefix = `lines.${index}`;
    return Object.entries(serverErrors)
      .filter(([path]) => path === prefix || (path.startsWith(`${prefix}.`) && !cells.includes(path.slice(prefix.length + 1) as ItemCell)))
      .flatMap(([path, messages]) => (path === prefix ? messages : messages.map((message) => `${path.slice(prefix.length + 1)}: ${message}`)));
  }

  function cell(line: ItemLine, index: number, name: ItemCell, label: string, control: (props: CellProps) => ReactNode): ReactNode {
    const messages = messagesOf(line, index, name);
    const errorId = `${cellId(index, name)}.error`;
    return (
      <div data-cell={cellId(index, name)}>
        {control({
          status: messages.length > 0 ? "error" : undefined,
          "aria-invalid": messages.length > 0 || undefined,
          "aria-describedby": messages.length > 0 ? errorId : undefined,
          "aria-label": label,
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

  const columns: ColumnsType<ItemLine> = [
    { key: "no", title: "#", width: 44, render: (_, __, index) => <Typography.Text type="secondary">{index + 1}</Typography.Text> },
    {
      key: "item_id",
      title: t("documents.grid.item"),
      width: 300,
      render: (_, line, index) => (
        <>
          {cell(line, index, "item_id", t("documents.grid.cellLabel.item_id", { line: index + 1 }), (props) => (
            <RecordLookup {...props} source={ITEM_LOOKUP} value={line.item} placeholder={t("documents.grid.itemPlaceholder")}
              onChange={(item) => {
                update(index, "item_id", { item });
                if (item) focusCell(index, cells[1]);
              }}
              onBlur={() => leave(line, "item_id")} />
          ))}
          {lineMessages(index).map((message) => (
            <div key={message} className="erp-cell-error">{message}</div>
          ))}
        </>
      ),
    },
    ...(withWarehouse
      ? [{
          key: "warehouse_id",
          title: t("documents.grid.warehouse"),
          width: 200,
          render: (_: unknown, line: ItemLine, index: number) =>
            cell(line, index, "warehouse_id", t("documents.grid.cellLabel.warehouse_id", { line: index + 1 }), (props) => (
              <RecordLookup {...props} source={WAREHOUSE_LOOKUP} value={line.warehouse} placeholder={t("documents.grid.warehousePlaceholder")}
                onChange={(warehouse) => {
                  update(index, "warehouse_id", { warehouse });
                  if (warehouse) focusCell(index, "quantity");
                }}
                onBlur={() => leave(line, "warehouse_id")} />
            )),
        }]
      : []),
    {
      key: "quantity",
      title: t("documents.grid.quantity"),
      width: 150,
      render: (_, line, index) =>
        cell(line, index, "quantity", t("documents.grid.cellLabel.quantity", { line: index + 1 }), (props) => (
          <Input {...props} value={line.quantity} inputMode="decimal" autoComplete="off" className="erp-number-input"
            suffix={line.item?.unit ? <span className="erp-cell-suffix">{line.item.unit}</span> : undefined}
            onChange={(event) => update(index, "quantity", { quantity: event.target.value })}
            onBlur={() => leave(line, "quantity")}
            onKeyDown={(event) => onEnter(event, index, "quantity")} />
        )),
    },
    {
      key: "batch_no",
      title: t("warehouseDocs.grid.batch"),
      width: 180,
      render: (_, line, index) =>
        cell(line, index, "batch_no", t("warehouseDocs.grid.batchLabel", { line: index + 1 }), (props) => (
          <Input {...props} value={line.batch} autoComplete="off" maxLength={80} placeholder={t("warehouseDocs.grid.batchPlaceholder")}
            onChange={(event) => update(index, "batch_no", { batch: event.target.value })}
            onBlur={() => leave(line, "batch_no")}
            onKeyDown={(event) => onEnter(event, index, "batch_no")} />
        )),
    },
    {
      key: "delete",
      width: 48,
      render: (_, __, index) => (
        <Button type="text" icon={<DeleteOutlined />} aria-label={t("documents.grid.deleteLine", { line: index + 1 })}
          title={t("documents.grid.deleteLine", { line: index + 1 })} disabled={disabled} onClick={() => removeLine(index)} />
      ),
    },
  ];

  return (
    <div ref={container} className="erp-line-grid">
      <Table<ItemLine>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: "max-content" }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={columns.length}>
              <Flex justify="space-between" wrap gap="small">
                <Button icon={<PlusOutlined />} onClick={addLine} disabled={disabled}>
                  {t("documents.grid.addLine")}
                </Button>
                <Typography.Text type="secondary">{totals.complete ? t("warehouseDocs.grid.keyboardHint") : t("warehouseDocs.grid.incomplete")}</Typography.Text>
                <span data-total="quantity">
                  {t("warehouseDocs.grid.lineCount", { count: totals.lines })} · {t("warehouseDocs.grid.totalQuantity")}:{" "}
                  {totals.byUnit.map((total, index) => (
                    <strong key={total.unit}>
                      {index > 0 && " · "}
                      <Quantity value={total.quantity} unit={total.unit} />
                    </strong>
                  ))}
                </span>
              </Flex>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </div>
  );
}
