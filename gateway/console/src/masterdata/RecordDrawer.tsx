/**
 * A master record in a drawer: a new one (POST with an Idempotency-Key, so a double click or a retry after a
 * lost answer creates it once), or an existing one to save (PATCH with only the changed fields) or deactivate
 * (never delete: documents and other services still point at it). Refusals land next to their fields.
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { App, Badge, Button, Drawer, Flex, Form, Space, Spin } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../api/problem";
import { useAuth } from "../auth/AuthProvider";
import { DocumentError } from "../documents/DocumentError";
import { fieldErrorsOf, withoutField } from "../documents/fieldErrors";
import { useAction, useSubmission } from "../documents/useSubmission";
import { ErrorNotice } from "../errors/ErrorNotice";
import { createRecord, deactivateRecord, getRecord, updateRecord } from "./api";
import { FieldInput } from "./FieldInput";
import { mayCreate, recordPermissions } from "./permissions";
import { createBody, initialValues, shownFields, updateBody, type FieldProblem } from "./requests";
import type { FormValues, MasterRecord, RecordFormSpec } from "./spec";

const OWN_PROBLEMS = new Set(["notAnInteger", "tooLong"]);

export function recordQueryKey(spec: RecordFormSpec, id: string) {
  return ["masterdata", spec.path, id];
}

function RecordForm({ spec, record, onDone }: { spec: RecordFormSpec; record: MasterRecord | null; onDone(): void }) {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const fields = shownFields(spec, record, roles);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields, record));
  const [problems, setProblems] = useState<Record<string, FieldProblem>>({});
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const submission = useSubmission<MasterRecord>();
  const action = useAction();
  const allowed = record ? recordPermissions(spec, roles, record) : { create: mayCreate(spec, roles), save: false, deactivate: false };
  const editable = record ? allowed.save : allowed.create;
  const error = submission.error ?? action.error;
  const noun = t(spec.nounKey);

  function change(name: string, value: string | null) {
    setValues((current) => ({ ...current, [name]: value }));
    setServerErrors((current) => withoutField(current, name));
    setProblems(({ [name]: _, ...rest }) => rest);
  }

  function problemText({ problem, values: extra }: FieldProblem): string {
    return t(OWN_PROBLEMS.has(problem) ? `masterdata.entry.${problem}` : `documents.entry.${problem}`, extra);
  }

  function refused(caught: unknown): never {
    setServerErrors(fieldErrorsOf(caught));
    throw caught;
  }

  async function changed(saved: MasterRecord, text: string) {
    queryClient.setQueryData(recordQueryKey(spec, saved.id), saved);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ["list", spec.path] }),
      queryClient.invalidateQueries({ queryKey: ["lookup", spec.path] }),
    ]);
    message.success(text);
  }

  async function create() {
    const prepared = createBody(fields, values);
    setProblems(prepared.problems ?? {});
    if (!prepared.body) return;
    const body = prepared.body;
    const created = await submission.run((key) => createRecord(api, spec.path, body, key).catch(refused));
    if (!created) return;
    await changed(created, t("masterdata.created", { noun, code: String(created[spec.codeField] ?? "") }));
    onDone();
  }

  async function save(current: MasterRecord) {
    const prepared = updateBody(fields, current, values);
    setProblems(prepared.problems ?? {});
    if (!prepared.body) return;
    const body = prepared.body;
    if (Object.keys(body).length === 0) {
      message.info(t("masterdata.unchanged"));
      return;
    }
    const saved = await action.run("save", () => updateRecord(api, spec.path, current.id, body).catch(refused));
    if (saved) await changed(saved, t("masterdata.saved", { noun, code: String(saved[spec.codeField] ?? "") }));
  }

  function deactivate(current: MasterRecord) {
    const code = String(current[spec.codeField] ?? "");
    modal.confirm({
      title: t("masterdata.deactivateConfirm", { noun, code }),
      content: t("masterdata.deactivateExplain"),
      okText: t("masterdata.deactivate"),
      okButtonProps: { danger: true },
      cancelText: t("documents.form.back"),
      onOk: async () => {
        const done = await action.run("deactivate", () => deactivateRecord(api, spec.path, current.id));
        if (done) await changed(done, t("masterdata.deactivated", { noun, code }));
      },
    });
  }

  const shown = new Set(fields.map((field) => field.name));
  return (
    <Flex vertical gap="middle" data-form={`record-${spec.path}`}>
      <Form layout="vertical" disabled={!editable} onFinish={() => void (record ? save(record) : create())}>
        {fields.map((field) => {
          const own = problems[field.name];
          const messages = [...(own ? [problemText(own)] : []), ...(serverErrors[field.name] ?? [])];
          const readOnly = !editable || (record !== null && field.createOnly === true);
          return (
            <Form.Item
              key={field.name}
              label={t(field.labelKey)}
              htmlFor={`record-${field.name}`}
              required={field.required && record === null}
              validateStatus={messages.length > 0 ? "error" : undefined}
              help={messages.length > 0 ? <span data-field-error={field.name}>{messages.join(" ")}</span> : undefined}
              data-field={field.name}
            >
              <FieldInput
                id={`record-${field.name}`}
                field={field}
                value={values[field.name]}
                onChange={(value) => change(field.name, value)}
                disabled={readOnly}
                invalid={messages.length > 0}
              />
            </Form.Item>
          );
        })}
        <Space wrap>
          {record === null && allowed.create && (
            <Button type="primary" htmlType="submit" loading={submission.saving} disabled={submission.saving} data-action="create-record">
              {t("masterdata.create")}
            </Button>
          )}
          {record !== null && allowed.save && (
            <Button type="primary" htmlType="submit" loading={action.pending === "save"} disabled={action.pending !== null} data-action="save-record">
              {t("masterdata.save")}
            </Button>
          )}
          {record !== null && allowed.deactivate && (
            <Button danger disabled={action.pending !== null} loading={action.pending === "deactivate"} onClick={() => deactivate(record)} data-action="deactivate-record">
              {t("masterdata.deactivate")}
            </Button>
          )}
          <Button disabled={false} onClick={onDone}>{t("documents.form.close")}</Button>
        </Space>
      </Form>
      {error !== null && <DocumentError error={error} shownAt={(path) => shown.has(path)} onRetry={record ? undefined : () => void create()} />}
    </Flex>
  );
}

/** `recordId` null: a new record; a string: that record, fetched fresh each time the drawer opens it. */
export function RecordDrawer({ spec, open, recordId, onClose }: { spec: RecordFormSpec; open: boolean; recordId: string | null; onClose(): void }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const record = useQuery({
    queryKey: recordQueryKey(spec, recordId ?? ""),
    queryFn: () => getRecord(api, spec.path, recordId!),
    enabled: open && recordId !== null,
  });
  const noun = t(spec.nounKey);
  const data = recordId ? record.data : null;
  const title = recordId === null
    ? t("masterdata.new", { noun })
    : data
      ? (
        <Space>
          {`${noun} ${String(data[spec.codeField] ?? "")} · ${String(data[spec.nameField] ?? "")}`}
          <Badge status={data.active ? "success" : "default"} text={t(data.active ? "values.active" : "values.inactive")} />
        </Space>
      )
      : noun;
  return (
    <Drawer open={open} onClose={onClose} title={title} size={560} destroyOnHidden>
      {recordId === null ? (
        <RecordForm spec={spec} record={null} onDone={onClose} />
      ) : record.isError ? (
        <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />
      ) : data ? (
        <RecordForm key={`${data.id}-${String(data.version ?? "")}-${String(data.active)}`} spec={spec} record={data} onDone={onClose} />
      ) : (
        <Spin />
      )}
    </Drawer>
  );
}
