/**
 * One transfer: its lifecycle, the actions its status and the user's roles allow now (ship, receive, cancel),
 * its lines with what was shipped, received and lost, the loss finance posted and who did what, when.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Descriptions, Flex, Popconfirm, Space, Spin, Table, Tabs, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { compare } from "../../decimal/decimal";
import { DocumentError } from "../../documents/DocumentError";
import { Amount, DocumentHistory, LifecycleSteps, Quantity, type HistoryEvent } from "../../documents/DocumentParts";
import { PostingsPanel } from "../../documents/PostingsPanel";
import { useAction } from "../../documents/useSubmission";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { TRANSFER_STATUS_BADGES } from "./lists";
import { TRANSFER_LIST } from "./TransferFormPage";
import { TRANSFER_STEP_TEXTS, transferActions, transferSteps, type TransferAction } from "./transferLifecycle";
import { TransferReceiveDrawer } from "./TransferReceiveDrawer";
import { transfers, TRANSFERS_API, type Transfer, type TransferLine } from "./warehouseDocsApi";

export function TransferDetailPage() {
  const { t } = useTranslation();
  const { documentId = "" } = useParams();
  const { api, roles, session } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [receiving, setReceiving] = useState(false);
  const action = useAction();
  const transfer = useQuery({ queryKey: ["transfer", documentId], queryFn: () => transfers.read(api, documentId) });

  function shown(result: Transfer) {
    queryClient.setQueryData(["transfer", documentId], result);
    void queryClient.invalidateQueries({ queryKey: ["transfer", documentId] });
    void queryClient.invalidateQueries({ queryKey: ["list", TRANSFERS_API] });
    message.success(t("warehouseDocs.transfer.nowStatus", { status: t(`screens.warehouse.transferStatus.${result.status}`) }));
  }

  if (transfer.isLoading) return <Spin />;
  if (transfer.isError) return <ErrorNotice error={transfer.error} onRetry={() => void transfer.refetch()} />;
  const doc = transfer.data as Transfer;
  const actions = transferActions(doc, roles, session?.claims.sub ?? "");

  async function change(name: "ship" | "cancel") {
    const result = await action.run(name, () => (name === "ship" ? transfers.ship(api, documentId) : transfers.cancel(api, documentId)));
    if (result) shown(result);
  }

  function button(name: TransferAction) {
    const common = { "data-action": name, loading: action.pending === name, disabled: action.pending !== null && action.pending !== name };
    const label = t(`warehouseDocs.transfer.action.${name}`);
    if (name === "receive") return <Button key={name} {...common} type="primary" onClick={() => setReceiving(true)}>{label}</Button>;
    const confirm = name === "ship" ? t("warehouseDocs.transfer.shipConfirm", { from: doc.from_warehouse_code }) : t("warehouseDocs.transfer.cancelConfirm");
    return (
      <Popconfirm key={name} title={confirm} okText={label} cancelText={t("documents.form.back")} onConfirm={() => void change(name)}>
        <Button {...common} type={name === "ship" ? "primary" : "default"} danger={name === "cancel"}>{label}</Button>
      </Popconfirm>
    );
  }

  const history: HistoryEvent[] = [
    { at: doc.created_at, what: t("warehouseDocs.transfer.history.created"), who: doc.created_by_name },
    { at: doc.shipped_at, what: t("warehouseDocs.transfer.history.shipped"), who: doc.shipped_by_name },
    { at: doc.received_at, what: t("warehouseDocs.transfer.history.received"), who: doc.received_by_name },
    { at: doc.cancelled_at, what: t("warehouseDocs.transfer.history.cancelled") },
  ];
  // Only a loss in transit moves money (finance's transfer_received): Dr inventory adjustments, Cr inventory.
  const hasLoss = compare(doc.total_loss ?? "0", "0") > 0;
  const tab = params.get("tab") ?? "lines";

  return (
    <Flex vertical gap="middle" data-document="transfer" data-status={doc.status}>
      <Link to={TRANSFER_LIST}>← {t("screens.nav.transfers")}</Link>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-field="number">{doc.number}</Typography.Title>
          <Badge status={TRANSFER_STATUS_BADGES[doc.status ?? ""] ?? "default"}
            text={<span data-field="status">{t(`screens.warehouse.transferStatus.${doc.status}`, { defaultValue: doc.status })}</span>} />
        </Space>
        <Space wrap>{actions.map((item) => button(item.name))}</Space>
      </Flex>
      {action.error !== null && <DocumentError error={action.error} shownAt={() => false} />}
      <LifecycleSteps bar={transferSteps(doc)} labels={TRANSFER_STEP_TEXTS.labels} dates={{ draft: doc.created_at, shipped: doc.shipped_at, received: doc.received_at }} />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t("warehouseDocs.transfer.from")}>{doc.from_warehouse_code}</Descriptions.Item>
        <Descriptions.Item label={t("warehouseDocs.transfer.to")}>{doc.to_warehouse_code}</Descriptions.Item>
        <Descriptions.Item label={t("screens.warehouse.transitLoss")}>
          <span data-field="total-loss">{doc.total_loss != null ? <Amount value={doc.total_loss} /> : "—"}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("documents.history.createdBy")}>{doc.created_by_name}</Descriptions.Item>
        {doc.notes && <Descriptions.Item label={t("documents.form.notes")}>{doc.notes}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: "lines",
            label: t("documents.tabs.lines") + ` (${doc.lines?.length ?? 0})`,
            children: (
              <Table<TransferLine>
                rowKey="id" size="small" pagination={false} dataSource={doc.lines ?? []} data-table="transfer-lines"
                columns={[
                  { key: "no", title: "#", dataIndex: "line_no", width: 44 },
                  { key: "item", title: t("documents.grid.item"), dataIndex: "item_code" },
                  { key: "batch", title: t("warehouseDocs.grid.batch"), render: (_, line) => (line.shipped ?? []).map((batch) => batch.batch_no).filter(Boolean).join(", ") || line.batch_no },
                  { key: "quantity", title: t("documents.grid.quantity"), align: "right", render: (_, line) => <Quantity value={line.quantity} /> },
                  { key: "received", title: t("warehouseDocs.transfer.received"), align: "right", render: (_, line) => <Quantity value={line.quantity_received} /> },
                  { key: "lost", title: t("warehouseDocs.transfer.lost"), align: "right", render: (_, line) => <Quantity value={line.quantity_lost} /> },
                ]}
              />
            ),
          },
          {
            key: "postings",
            label: t("documents.tabs.postings"),
            children: <PostingsPanel documents={doc.status === "received" && hasLoss ? [{ number: doc.number ?? "", expectsEntry: true }] : []} />,
          },
          { key: "history", label: t("documents.tabs.history"), children: <DocumentHistory events={history} /> },
        ]}
      />
      {receiving && (
        <TransferReceiveDrawer transfer={doc} onClose={() => setReceiving(false)}
          onReceived={(result) => { setReceiving(false); shown(result); }} />
      )}
    </Flex>
  );
}
