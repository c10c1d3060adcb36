/**
 * Operations for admins: each service's dead-lettered events with the error that stopped them, replayed one
 * by one or all at once after a confirmation (a replay sends the event to the service's queue again).
 */
import { ReloadOutlined, RedoOutlined } from "@ant-design/icons";
import { useQueries } from "@tanstack/react-query";
import { App, Badge, Button, Card, Collapse, Flex, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { unwrap, type ErpClient } from "../../api/client";
import { useAuth } from "../../auth/AuthProvider";
import { isAllowed } from "../../auth/permissions";
import { describeError, ErrorNotice } from "../../errors/ErrorNotice";
import { ReportHeader, useFormats } from "../../reports/ui";
import { DEAD_LETTER_SERVICES, deadLettersPath, errorSummary, prettyBody, type DeadLetter, type DeadLetterService } from "./deadLetters";

const LIMIT = 200;

type Post = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

async function listDeadLetters(api: ErpClient, service: DeadLetterService): Promise<DeadLetter[]> {
  const { data } = await unwrap(api.GET(deadLettersPath(service), { params: { query: { limit: LIMIT } } }));
  return data as unknown as DeadLetter[];
}

async function replay(api: ErpClient, service: DeadLetterService, messageId: string | null): Promise<number> {
  // The five services' replay routes differ only by prefix; one call for all of them.
  const post = api.POST as unknown as Post;
  const path = messageId === null ? `${deadLettersPath(service)}/replay` : `${deadLettersPath(service)}/{message_id}/replay`;
  const { data } = await unwrap(post(path, messageId === null ? {} : { params: { path: { message_id: messageId } } }));
  return (data as { replayed?: number }).replayed ?? 0;
}

function ServiceDeadLetters({ service, letters, onReplayed }: { service: DeadLetterService; letters: DeadLetter[]; onReplayed(): void }) {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const { message, modal } = App.useApp();
  const formats = useFormats();
  const [busy, setBusy] = useState<string | null>(null);
  const canReplay = isAllowed(roles, "POST", `${deadLettersPath(service)}/replay`);

  function confirmReplay(letter: DeadLetter | null) {
    modal.confirm({
      title: letter ? t("screens.operations.replayOneTitle", { type: letter.event_type ?? "?" }) : t("screens.operations.replayAllTitle", { service: t(`screens.operations.services.${service}`), count: letters.length }),
      content: t("screens.operations.replayConfirm"),
      okText: t("screens.operations.replay"),
      onOk: async () => {
        setBusy(letter?.message_id ?? "*");
        try {
          const replayed = await replay(api, service, letter ? letter.message_id : null);
          message.success(t("screens.operations.replayed", { count: replayed }));
        } catch (error) {
          message.error(describeError(t, error));
        } finally {
          setBusy(null);
          onReplayed();
        }
      },
    });
  }

  const columns: ColumnsType<DeadLetter> = [
    { key: "failed_at", title: t("screens.operations.failedAt"), render: (_, row) => formats.dateTime(row.failed_at) },
    { key: "event_type", title: t("screens.operations.eventType"), render: (_, row) => <Typography.Text code>{row.event_type ?? "?"}</Typography.Text> },
    { key: "reason", title: t("screens.operations.reason"), render: (_, row) => row.reason ?? "" },
    { key: "retries", title: t("screens.operations.retries"), align: "right", dataIndex: "retry_count" },
    {
      key: "error", title: t("screens.operations.error"),
      render: (_, row) => <Typography.Text type="danger">{errorSummary(row.error, row.reason)}</Typography.Text>,
    },
    {
      key: "replay", title: "",
      render: (_, row) =>
        canReplay && (
          <Button size="small" icon={<RedoOutlined />} disabled={!row.message_id} loading={busy === row.message_id} onClick={() => confirmReplay(row)}>
            {t("screens.operations.replay")}
          </Button>
        ),
    },
  ];
  return (
    <Flex vertical gap="small">
      {canReplay && letters.length > 0 && (
        <Space>
          <Button danger icon={<RedoOutlined />} loading={busy === "*"} onClick={() => confirmReplay(null)}>
            {t("screens.operations.replayAll", { count: letters.length })}
          </Button>
        </Space>
      )}
      <Table<DeadLetter>
        size="small"
        rowKey={(row) => row.message_id ?? `${row.event_type}/${row.failed_at}`}
        columns={columns}
        dataSource={letters}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: t("screens.operations.none") }}
        expandable={{
          expandedRowRender: (row) => (
            <Flex vertical gap="small">
              <Typography.Text type="secondary">
                {t("screens.operations.messageId")}: <Typography.Text code copyable={Boolean(row.message_id)}>{row.message_id ?? "—"}</Typography.Text> ·{" "}
                {t("screens.operations.correlation")}: <Typography.Text code copyable={Boolean(row.correlation_id)}>{row.correlation_id ?? "—"}</Typography.Text>
              </Typography.Text>
              {row.error && <pre className="erp-pre">{row.error}</pre>}
              <Typography.Text strong>{t("screens.operations.body")}</Typography.Text>
              <pre className="erp-pre">{prettyBody(row.body)}</pre>
            </Flex>
          ),
        }}
      />
    </Flex>
  );
}

export default function OperationsPage() {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const services = DEAD_LETTER_SERVICES.filter((service) => isAllowed(roles, "GET", deadLettersPath(service)));
  const results = useQueries({
    queries: services.map((service) => ({ queryKey: ["dead-letters", service], queryFn: () => listDeadLetters(api, service), staleTime: 0 })),
  });
  const refresh = () => results.forEach((result) => void result.refetch());
  // Until the user opens or closes one, the services with something to look at are open.
  const [opened, setOpened] = useState<string[] | null>(null);
  const worthOpening = services.filter((_, index) => results[index].isError || (results[index].data?.length ?? 0) > 0);
  const fetching = results.some((result) => result.isFetching);
  return (
    <Flex vertical gap="middle">
      <ReportHeader title={t("screens.nav.operations")} extra={<Button icon={<ReloadOutlined />} onClick={refresh} loading={fetching}>{t("list.refresh")}</Button>} />
      <Typography.Paragraph type="secondary">{t("screens.operations.intro", { limit: LIMIT })}</Typography.Paragraph>
      <Card size="small" title={t("screens.operations.deadLetters")}>
        <Collapse
          activeKey={opened ?? worthOpening}
          onChange={(keys) => setOpened(Array.isArray(keys) ? keys : [keys])}
          items={services.map((service, index) => {
            const result = results[index];
            const count = result.data?.length ?? 0;
            return {
              key: service,
              label: (
                <Space>
                  {t(`screens.operations.services.${service}`)}
                  {result.isError ? (
                    <Badge status="error" text={t("screens.operations.unreachable")} />
                  ) : result.data ? (
                    <Badge count={count} showZero color={count > 0 ? "red" : "green"} overflowCount={LIMIT - 1} />
                  ) : (
                    <Badge status="processing" />
                  )}
                </Space>
              ),
              children: result.isError ? (
                <ErrorNotice error={result.error} onRetry={() => void result.refetch()} />
              ) : (
                <ServiceDeadLetters service={service} letters={result.data ?? []} onReplayed={() => void result.refetch()} />
              ),
            };
          })}
        />
      </Card>
    </Flex>
  );
}
