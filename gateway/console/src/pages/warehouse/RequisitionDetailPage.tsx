/**
 * One material requisition: its lifecycle, the actions its status and the user's roles allow now (approve,
 * reject, issue, cancel), its lines, the issues made against it with the unused material returned, the
 * postings finance made for them and who did what, when. Every action refreshes the requisition.
 */
import { useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Descriptions, Flex, Space, Spin, Tabs, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { compare } from "../../decimal/decimal";
import { DocumentError } from "../../documents/DocumentError";
import { DocumentHistory, LifecycleSteps, type HistoryEvent } from "../../documents/DocumentParts";
import { PostingsPanel, type SourceDocument } from "../../documents/PostingsPanel";
import { ReasonModal } from "../../documents/ReasonModal";
import { useAction } from "../../documents/useSubmission";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { useLanguage } from "../../i18n/LanguageProvider";
import { formatDate } from "../../lists/display";
import { IssueDrawer } from "./IssueDrawer";
import { REQUISITION_STATUS_BADGES } from "./lists";
import { REQUISITION_LIST } from "./RequisitionFormPage";
import { REQUISITION_STEP_TEXTS, requisitionActions, requisitionSteps, type RequisitionAction } from "./requisitionLifecycle";
import { IssuesTable, RequisitionLinesTable } from "./RequisitionTabs";
import { requisitions, REQUISITIONS_API, type MaterialIssue, type Requisition } from "./warehouseDocsApi";

type Dialog = "issue" | "reject" | "cancel" | null;

export function RequisitionDetailPage() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { documentId = "" } = useParams();
  const { api, roles, session } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const action = useAction();

  const requisition = useQuery({ queryKey: ["material-requisition", documentId], queryFn: () => requisitions.read(api, documentId) });
  const issueIds = (requisition.data?.issues ?? []).map((issue) => issue.id ?? "");
  const issueDetails = useQueries({
    queries: issueIds.map((id) => ({ queryKey: ["material-requisition", documentId, "issue", id], queryFn: () => requisitions.readIssue(api, id) })),
  });

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: ["material-requisition", documentId] });
    void queryClient.invalidateQueries({ queryKey: ["list", REQUISITIONS_API] });
  }

  if (requisition.isLoading) return <Spin />;
  if (requisition.isError) return <ErrorNotice error={requisition.error} onRetry={() => void requisition.refetch()} />;
  const doc = requisition.data as Requisition;
  const actions = requisitionActions(doc, roles, session?.claims.sub ?? "");
  const issues = issueDetails.map((result) => result.data).filter((issue): issue is MaterialIssue => Boolean(issue));
  const details = Object.fromEntries(issues.map((issue) => [issue.id ?? "", issue]));
  const returns = issues.flatMap((issue) => issue.returns ?? []);
  const failedIssue = issueDetails.find((result) => result.isError);

  async function decide(name: "approve" | "reject" | "cancel", reason?: string) {
    const result = await action.run(name, () =>
      name === "approve" ? requisitions.approve(api, documentId) : name === "reject" ? requisitions.reject(api, documentId, reason ?? "") : requisitions.cancel(api, documentId, reason ?? ""),
    );
    setDialog(null);
    if (result) {
      message.success(t("warehouseDocs.requisition.nowStatus", { status: t(`screens.warehouse.requisitionStatus.${result.status}`) }));
      refresh();
    }
  }

  function button(name: RequisitionAction, blocked?: string) {
    const common = { "data-action": name, loading: action.pending === name, disabled: Boolean(blocked) || (action.pending !== null && action.pending !== name) };
    const label = t(`warehouseDocs.requisition.action.${name}`);
    const control =
      name === "approve" ? <Button key={name} {...common} type="primary" onClick={() => void decide("approve")}>{label}</Button>
      : name === "issue" ? <Button key={name} {...common} type="primary" onClick={() => setDialog("issue")}>{label}</Button>
      : <Button key={name} {...common} danger onClick={() => setDialog(name)}>{label}</Button>;
    return blocked ? <Tooltip key={name} title={blocked}>{control}</Tooltip> : control;
  }

  const history: HistoryEvent[] = [
    { at: doc.created_at, what: t("warehouseDocs.requisition.history.created"), who: doc.created_by_name },
    doc.status === "rejected"
      ? { at: doc.decided_at, what: t("warehouseDocs.requisition.history.rejected"), who: doc.decided_by_name, detail: doc.reject_reason }
      : { at: doc.decided_at, what: t("warehouseDocs.requisition.history.approved"), who: doc.decided_by_name },
    ...(doc.issues ?? []).map((issue) => ({ at: issue.issued_at, what: t("warehouseDocs.requisition.history.issued", { number: issue.number }), who: issue.issued_by_name })),
    ...returns.map((item) => ({ at: item.returned_at, what: t("warehouseDocs.requisition.history.returned", { number: item.number }), who: item.returned_by_name, detail: item.reason })),
    { at: doc.cancelled_at, what: t("warehouseDocs.requisition.history.cancelled"), who: doc.cancelled_by_name, detail: doc.cancel_reason },
  ];
  // Finance posts each issue (Dr the department's expense, Cr inventory) and each return the other way round.
  const sources: SourceDocument[] = [
    ...(doc.issues ?? []).map((issue) => ({ number: issue.number ?? "", expectsEntry: compare(issue.total_cost ?? "0", "0") > 0 })),
    ...returns.map((item) => ({ number: item.number ?? "", expectsEntry: compare(String(item.total_cost ?? "0"), "0") > 0 })),
  ];
  const tab = params.get("tab") ?? "lines";
  const count = (n: number) => (n ? ` (${n})` : "");

  return (
    <Flex vertical gap="middle" data-document="material-requisition" data-status={doc.status}>
      <Link to={REQUISITION_LIST}>← {t("screens.nav.requisitions")}</Link>
      <Flex justify="space-between" align="center" wrap gap="small">
        <Space align="center" wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-field="number">
            {doc.number}
          </Typography.Title>
          <Badge status={REQUISITION_STATUS_BADGES[doc.status ?? ""] ?? "default"}
            text={<span data-field="status">{t(`screens.warehouse.requisitionStatus.${doc.status}`, { defaultValue: doc.status })}</span>} />
        </Space>
        <Space wrap>{actions.map((item) => button(item.name, item.blocked ? t("documents.actions.ownDocument") : undefined))}</Space>
      </Flex>
      {action.error !== null && <DocumentError error={action.error} shownAt={() => false} />}
      <LifecycleSteps bar={requisitionSteps(doc)} labels={REQUISITION_STEP_TEXTS.labels}
        dates={{ pending_approval: doc.created_at, approved: doc.decided_at, issued: doc.issues?.[0]?.issued_at }} />
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t("screens.warehouse.department")}>{[doc.department_code, doc.department_name].filter(Boolean).join(" · ")}</Descriptions.Item>
        <Descriptions.Item label={t("screens.warehouse.requestedBy")}>{[doc.requested_by_no, doc.requested_by_name].filter(Boolean).join(" · ")}</Descriptions.Item>
        <Descriptions.Item label={t("warehouseDocs.requisition.neededBy")}>{formatDate(doc.needed_by, language, false)}</Descriptions.Item>
        <Descriptions.Item label={t("documents.history.createdBy")}>{doc.created_by_name}</Descriptions.Item>
        <Descriptions.Item label={t("screens.warehouse.decidedBy")}>{doc.decided_by_name ?? "—"}</Descriptions.Item>
        {doc.notes && <Descriptions.Item label={t("documents.form.notes")}>{doc.notes}</Descriptions.Item>}
        {doc.reject_reason && <Descriptions.Item label={t("warehouseDocs.requisition.rejectReason")}>{doc.reject_reason}</Descriptions.Item>}
        {doc.cancel_reason && <Descriptions.Item label={t("warehouseDocs.requisition.cancelReason")}>{doc.cancel_reason}</Descriptions.Item>}
      </Descriptions>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          { key: "lines", label: t("documents.tabs.lines") + count(doc.lines?.length ?? 0), children: <RequisitionLinesTable requisition={doc} /> },
          {
            key: "issues",
            label: t("warehouseDocs.tabs.issues") + count(doc.issues?.length ?? 0),
            children: (
              <Flex vertical gap="small">
                {failedIssue && <ErrorNotice error={failedIssue.error} onRetry={() => void failedIssue.refetch()} />}
                <IssuesTable requisition={doc} details={details} onChanged={refresh} />
              </Flex>
            ),
          },
          { key: "postings", label: t("documents.tabs.postings"), children: <PostingsPanel documents={sources} /> },
          { key: "history", label: t("documents.tabs.history"), children: <DocumentHistory events={history} /> },
        ]}
      />
      {dialog === "issue" && (
        <IssueDrawer requisition={doc} onClose={() => setDialog(null)}
          onIssued={() => { setDialog(null); refresh(); setParams({ tab: "issues" }, { replace: true }); }} />
      )}
      <ReasonModal
        open={dialog === "reject" || dialog === "cancel"}
        title={t(dialog === "reject" ? "warehouseDocs.requisition.rejectTitle" : "warehouseDocs.requisition.cancelTitle", { number: doc.number })}
        okText={t(dialog === "reject" ? "warehouseDocs.requisition.action.reject" : "warehouseDocs.requisition.action.cancel")}
        pending={action.pending === "reject" || action.pending === "cancel"}
        onCancel={() => setDialog(null)}
        onOk={(reason) => void decide(dialog === "reject" ? "reject" : "cancel", reason)}
      />
    </Flex>
  );
}
