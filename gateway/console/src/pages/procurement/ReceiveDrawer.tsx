/**
 * Receiving goods against a purchase order (warehouse or purchasing): per open line what arrived, what was
 * accepted (the rest is rejected), into which warehouse, under which batch. Accepted goods enter stock at
 * the PO price and finance posts the receipt; over-receipt beyond the tolerance comes back at its cell.
 */
import { App, Button, Drawer, Flex, Input, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../../auth/AuthProvider";
import { compare } from "../../decimal/decimal";
import { Cell } from "../../documents/CellMessages";
import { DocumentError } from "../../documents/DocumentError";
import { Quantity } from "../../documents/DocumentParts";
import { errorsOnGrid, prepareLines, type WarehouseRef } from "../../documents/draftLines";
import { fieldErrorsOf, withoutField, withoutLineErrors } from "../../documents/fieldErrors";
import { WAREHOUSE_LOOKUP } from "../../documents/lookups";
import { RecordLookup } from "../../documents/RecordLookup";
import type { FieldErrors } from "../../api/problem";
import type { GoodsReceipt, PurchaseOrder } from "../../documents/types";
import { useSubmission } from "../../documents/useSubmission";
import { plainDecimal } from "./invoiceLines";
import { purchasing } from "./purchasingApi";
import { isBlankReceipt, receiptLineBody, receiptProblems, rejectedOf, withReceived, type ReceiptRow } from "./receiptLines";

export function ReceiveDrawer({ order, open, onClose, onBooked }: { order: PurchaseOrder; open: boolean; onClose(): void; onBooked(receipt: GoodsReceipt): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const { message } = App.useApp();
  const lines = (order.lines ?? []).filter((line) => compare(line.open_quantity ?? "0", "0") > 0);
  const [rows, setRows] = useState<ReceiptRow[]>(() =>
    lines.map((line) => ({ poLineId: line.id ?? "", received: "", accepted: "", acceptedEdited: false, warehouse: null, batch: "" })),
  );
  const [notes, setNotes] = useState("");
  // The warehouse last applied to every line, shown as chosen (a line may still be changed on its own).
  const [allWarehouse, setAllWarehouse] = useState<WarehouseRef | null>(null);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const submission = useSubmission<GoodsReceipt>();
  const problems = receiptProblems(rows);

  function change(index: number, next: ReceiptRow, field: string) {
    setRows(rows.map((row, position) => (position === index ? next : row)));
    setServerErrors(withoutField(serverErrors, `lines.${index}.${field}`));
  }

  function setAllWarehouses(warehouse: WarehouseRef | null) {
    setAllWarehouse(warehouse);
    if (warehouse) setRows(rows.map((row) => ({ ...row, warehouse })));
    setServerErrors(withoutLineErrors(serverErrors));
  }

  function fillOpen() {
    setRows(rows.map((row, index) => (row.received ? row : withReceived(row, plainDecimal(lines[index].open_quantity)))));
  }

  function messages(index: number, field: string): string[] {
    const own = problems[`lines.${index}.${field}`];
    const shown = own && (attempted || field === "quantity_accepted") ? [t(`documents.entry.${own}`, { places: 4, max: 60 })] : [];
    return [...shown, ...(serverErrors[`lines.${index}.${field}`] ?? [])];
  }

  async function book() {
    setAttempted(true);
    const prepared = prepareLines(rows, receiptLineBody, isBlankReceipt);
    if (prepared.lines.length === 0) {
      submission.setError(null);
      message.warning(t("documents.receive.nothing"));
      return;
    }
    if (Object.keys(problems).length > 0) return;
    const receipt = await submission.run((key) =>
      purchasing.receive(api, order.id ?? "", { received_at: null, notes: notes.trim() || null, lines: prepared.lines }, key).catch((error) => {
        setServerErrors(errorsOnGrid(fieldErrorsOf(error), prepared.gridIndexOf));
        throw error;
      }),
    );
    if (receipt) {
      message.success(t("documents.receive.booked", { number: receipt.number }));
      onBooked(receipt);
    }
  }

  const columns = [
    { key: "line", title: "#", width: 44, render: (_: unknown, __: ReceiptRow, index: number) => lines[index].line_no },
    {
      key: "item",
      title: t("documents.grid.item"),
      render: (_: unknown, __: ReceiptRow, index: number) => (
        <>
          <div>{lines[index].item_code}</div>
          <Typography.Text type="secondary">{lines[index].item_name}</Typography.Text>
        </>
      ),
    },
    {
      key: "open",
      title: t("documents.receive.open"),
      align: "right" as const,
      render: (_: unknown, __: ReceiptRow, index: number) => <Quantity value={lines[index].open_quantity} unit={lines[index].unit} />,
    },
    {
      key: "received",
      title: t("documents.receive.received"),
      width: 130,
      render: (_: unknown, row: ReceiptRow, index: number) => (
        <Cell path={`lines.${index}.quantity_received`} messages={messages(index, "quantity_received")}>
          {(state) => (
            <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.received}
              aria-label={t("documents.receive.receivedLabel", { line: lines[index].line_no })}
              onChange={(event) => change(index, withReceived(row, event.target.value), "quantity_received")} />
          )}
        </Cell>
      ),
    },
    {
      key: "accepted",
      title: t("documents.receive.accepted"),
      width: 130,
      render: (_: unknown, row: ReceiptRow, index: number) => (
        <Cell path={`lines.${index}.quantity_accepted`} messages={messages(index, "quantity_accepted")}>
          {(state) => (
            <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.accepted}
              aria-label={t("documents.receive.acceptedLabel", { line: lines[index].line_no })}
              onChange={(event) => change(index, { ...row, accepted: event.target.value, acceptedEdited: true }, "quantity_accepted")} />
          )}
        </Cell>
      ),
    },
    {
      key: "rejected",
      title: t("documents.receive.rejected"),
      align: "right" as const,
      width: 100,
      render: (_: unknown, row: ReceiptRow, index: number) => (
        <span data-cell={`lines.${index}.quantity_rejected`}>
          <Quantity value={isBlankReceipt(row) ? null : rejectedOf(row)} />
        </span>
      ),
    },
    {
      key: "warehouse",
      title: t("documents.grid.warehouse"),
      width: 220,
      render: (_: unknown, row: ReceiptRow, index: number) => (
        <Cell path={`lines.${index}.warehouse_id`} messages={messages(index, "warehouse_id")}>
          {(state) => (
            <RecordLookup {...state} source={WAREHOUSE_LOOKUP} value={row.warehouse}
              aria-label={t("documents.receive.warehouseLabel", { line: lines[index].line_no })}
              onChange={(warehouse) => change(index, { ...row, warehouse }, "warehouse_id")} />
          )}
        </Cell>
      ),
    },
    {
      key: "batch",
      title: t("documents.receive.batch"),
      width: 140,
      render: (_: unknown, row: ReceiptRow, index: number) => (
        <Cell path={`lines.${index}.batch_no`} messages={messages(index, "batch_no")}>
          {(state) => (
            <Input {...state} value={row.batch} maxLength={60} autoComplete="off"
              aria-label={t("documents.receive.batchLabel", { line: lines[index].line_no })}
              onChange={(event) => change(index, { ...row, batch: event.target.value }, "batch_no")} />
          )}
        </Cell>
      ),
    },
  ];

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={1100}
      title={t("documents.receive.title", { number: order.number })}
      destroyOnHidden
      extra={
        <Button type="primary" loading={submission.saving} onClick={() => void book()} data-action="book-receipt">
          {t("documents.receive.book")}
        </Button>
      }
    >
      <Flex vertical gap="middle" data-form="receipt">
        <Flex wrap gap="middle" align="end">
          <div style={{ minWidth: 280 }}>
            <Typography.Text>{t("documents.receive.allWarehouses")}</Typography.Text>
            <RecordLookup source={WAREHOUSE_LOOKUP} value={allWarehouse} onChange={setAllWarehouses} aria-label={t("documents.receive.allWarehouses")} />
          </div>
          <Button onClick={fillOpen} data-action="fill-open">
            {t("documents.receive.fillOpen")}
          </Button>
        </Flex>
        {lines.length === 0 ? (
          <Typography.Paragraph>{t("documents.receive.nothingOpen")}</Typography.Paragraph>
        ) : (
          <Table<ReceiptRow> rowKey="poLineId" size="small" pagination={false} columns={columns} dataSource={rows} scroll={{ x: "max-content" }} />
        )}
        <Input.TextArea value={notes} onChange={(event) => setNotes(event.target.value)} placeholder={t("documents.form.notes")} aria-label={t("documents.form.notes")} maxLength={2000} rows={2} />
        {submission.error !== null && <DocumentError error={submission.error} shownAt={(path) => /^lines\.\d+\./.test(path)} onRetry={() => void book()} />}
      </Flex>
    </Drawer>
  );
}

