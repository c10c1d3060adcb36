/**
 * Receiving a shipped transfer at its destination: every line with what arrived, at first what was shipped.
 * Each line's shortfall and the total show before the receipt is booked, since the service books them as a
 * loss in transit at once and closes the transfer.
 */
import { Alert, App, Button, Drawer, Flex, Input, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/problem";
import { useAuth } from "../../auth/AuthProvider";
import { Cell } from "../../documents/CellMessages";
import { DocumentError } from "../../documents/DocumentError";
import { Quantity } from "../../documents/DocumentParts";
import { fieldErrorsOf, withoutField } from "../../documents/fieldErrors";
import { useAction } from "../../documents/useSubmission";
import { useLanguage } from "../../i18n/LanguageProvider";
import { formatQuantity } from "../../decimal/format";
import { defaultReceiveRows, receiveBody, receiveProblems, shortfalls, shortfallTotal, type ReceiveRow } from "./transferReceipt";
import { transfers, type Transfer } from "./warehouseDocsApi";

export function TransferReceiveDrawer({ transfer, onClose, onReceived }: { transfer: Transfer; onClose(): void; onReceived(transfer: Transfer): void }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { api } = useAuth();
  const { message } = App.useApp();
  const lines = transfer.lines ?? [];
  const [rows, setRows] = useState<ReceiveRow[]>(() => defaultReceiveRows(lines));
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const action = useAction();
  const lineOf = (id: string) => lines.find((line) => line.id === id)!;
  const shippedFor = (id: string) => lineOf(id).quantity ?? "0";
  const problems = receiveProblems(rows, shippedFor);
  const short = shortfalls(rows, shippedFor);
  const shortOf = (id: string) => short.find((item) => item.id === id)?.shortfall;

  function messages(index: number): string[] {
    const own = problems[`lines.${index}.quantity_received`];
    const text = own === "moreThanShipped" ? t("warehouseDocs.entry.moreThanShipped") : own ? t(`documents.entry.${own}`, { places: 4 }) : null;
    return [...(text && (attempted || own !== "required") ? [text] : []), ...(serverErrors[`lines.${index}.quantity_received`] ?? []), ...(serverErrors[`lines.${index}`] ?? [])];
  }

  async function send() {
    setAttempted(true);
    if (Object.keys(problems).length > 0) return;
    const result = await action.run("receive", () =>
      transfers.receive(api, transfer.id ?? "", receiveBody(rows)).catch((error: unknown) => {
        setServerErrors(fieldErrorsOf(error));
        throw error;
      }),
    );
    if (result) {
      message.success(t("warehouseDocs.receive.done"));
      onReceived(result);
    }
  }

  return (
    <Drawer open onClose={onClose} size={860} destroyOnHidden title={t("warehouseDocs.receive.title", { number: transfer.number, to: transfer.to_warehouse_code })}
      extra={
        <Button type="primary" loading={action.pending === "receive"} onClick={() => void send()} data-action="submit-receive">
          {t("warehouseDocs.receive.submit")}
        </Button>
      }
    >
      <Flex vertical gap="middle" data-form="receive">
        <Table<ReceiveRow>
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={rows}
          columns={[
            { key: "no", title: "#", width: 44, render: (_, row) => lineOf(row.id).line_no },
            { key: "item", title: t("documents.grid.item"), render: (_, row) => lineOf(row.id).item_code },
            { key: "batch", title: t("warehouseDocs.grid.batch"), render: (_, row) => (lineOf(row.id).shipped ?? []).map((batch) => batch.batch_no).filter(Boolean).join(", ") || lineOf(row.id).batch_no },
            { key: "shipped", title: t("warehouseDocs.transfer.shipped"), align: "right", render: (_, row) => <Quantity value={shippedFor(row.id)} /> },
            {
              key: "received", title: t("warehouseDocs.receive.received"), width: 150,
              render: (_, row, index) => (
                <Cell path={`lines.${index}.quantity_received`} messages={messages(index)}>
                  {(state) => (
                    <Input {...state} inputMode="decimal" autoComplete="off" className="erp-number-input" value={row.received}
                      aria-label={t("warehouseDocs.receive.label", { line: lineOf(row.id).line_no })}
                      onChange={(event) => {
                        setRows(rows.map((other, position) => (position === index ? { ...other, received: event.target.value } : other)));
                        setServerErrors(withoutField(serverErrors, `lines.${index}.quantity_received`));
                      }} />
                  )}
                </Cell>
              ),
            },
            {
              key: "shortfall", title: t("warehouseDocs.receive.shortfall"), align: "right",
              render: (_, row) => {
                const missing = shortOf(row.id);
                return <span data-shortfall={lineOf(row.id).line_no}>{missing ? <Typography.Text type="danger"><Quantity value={missing} /></Typography.Text> : "—"}</span>;
              },
            },
          ]}
        />
        {short.length > 0 ? (
          <Alert type="warning" showIcon data-shortfall-summary=""
            title={t("warehouseDocs.receive.shortfallSummary", { count: short.length, total: formatQuantity(shortfallTotal(short), language) })} />
        ) : (
          <Typography.Text type="secondary">{t("warehouseDocs.receive.everythingArrived")}</Typography.Text>
        )}
        {action.error !== null && <DocumentError error={action.error} shownAt={(path) => /^lines\.\d+/.test(path)} onRetry={() => void send()} />}
      </Flex>
    </Drawer>
  );
}
