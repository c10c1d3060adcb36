/**
 * The entry form of an order (purchase or sales): the party, dates and notes, and the line grid. A new order
 * is created through api/submission.ts (one document however often the button is clicked, one
 * Idempotency-Key across retries); a draft is changed with PATCH. Field errors from the server land on the
 * header field or grid cell they name; a rule's refusal and a failure worth retrying show above the buttons.
 */
import { App, Button, DatePicker, Flex, Form, Input, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import type { FieldErrors } from "../api/problem";
import { Submission } from "../api/submission";
import { describeError } from "../errors/ErrorNotice";
import { DocumentError } from "./DocumentError";
import { blankLine, isBlank, lineProblems, type DraftLine, type GridColumns, type PreparedLines } from "./draftLines";
import { errorsOnGrid } from "./draftLines";
import { fieldErrorsOf, splitLineErrors } from "./fieldErrors";
import { LineGrid } from "./LineGrid";
import type { ListPath } from "../api/lists";
import type { LookupSource, PartyRef } from "./lookups";
import { RecordLookup } from "./RecordLookup";

export interface OrderHeader {
  party: PartyRef | null;
  order_date: Dayjs | null;
  /** Purchase: the expected delivery of every line; sales: the requested date. */
  second_date: Dayjs | null;
  notes: string;
}

export interface OrderFormConfig<Doc extends { id?: string }> {
  /** The API's name of the party field, where its errors are reported ("supplier_id"). */
  partyField: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- supplier or customer lookups
  partySource: LookupSource<any, PartyRef>;
  partyLabelKey: string;
  /** The API's name of the second date, for its errors ("expected_date" on lines, "requested_date"). */
  secondDateField: string;
  secondDateLabelKey: string;
  /** The second date is sent on every line (a PO's expected date): its line errors belong to the header field. */
  secondDateOnLines?: boolean;
  columns: GridColumns;
  /** The request body (decimals as strings) and which grid row each sent line came from. */
  body(header: OrderHeader, lines: readonly DraftLine[]): { body: unknown; prepared: PreparedLines<unknown> };
  create(body: unknown, idempotencyKey: string): Promise<Doc>;
  update(id: string, body: unknown): Promise<Doc>;
  /** The step offered right after saving ("Save and submit"), with its button label. */
  then?: { labelKey: string; run(doc: Doc): Promise<Doc> };
  detailPath(doc: Doc): string;
  listPath: ListPath;
  /** The detail page's query key prefix ("purchase-order"): the saved document replaces what it cached. */
  queryKey: string;
}

export function isoDate(value: Dayjs | null | undefined): string | null {
  return value ? value.format("YYYY-MM-DD") : null;
}

export function OrderForm<Doc extends { id?: string }>({
  config, initial, initialLines, editing,
}: {
  config: OrderFormConfig<Doc>;
  initial?: Partial<OrderHeader>;
  initialLines?: DraftLine[];
  /** The draft being changed; absent for a new order. */
  editing?: Doc;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<OrderHeader>();
  const [lines, setLines] = useState<DraftLine[]>(() => (initialLines && initialLines.length > 0 ? initialLines : [blankLine()]));
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [linesMessage, setLinesMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const submission = useRef(new Submission<Doc>());
  const headerFields: Record<string, keyof OrderHeader> = {
    [config.partyField]: "party", order_date: "order_date", [config.secondDateField]: "second_date", notes: "notes",
  };

  function showServerErrors(caught: unknown, gridIndexOf: number[]) {
    let errors = errorsOnGrid(fieldErrorsOf(caught), gridIndexOf);
    if (config.secondDateOnLines) {
      const onLines = (path: string) => new RegExp(`^lines\\.\\d+\\.${config.secondDateField}$`).test(path);
      const messages = [...new Set(Object.entries(errors).filter(([path]) => onLines(path)).flatMap(([, list]) => list))];
      errors = Object.fromEntries(Object.entries(errors).filter(([path]) => !onLines(path)));
      if (messages.length > 0) errors[config.secondDateField] = messages;
    }
    const { other } = splitLineErrors(errors);
    setServerErrors(Object.fromEntries(Object.entries(errors).filter(([path]) => /^lines\.\d+/.test(path))));
    setLinesMessage(other.lines ? other.lines.join(" ") : null);
    form.setFields(
      Object.entries(other)
        .filter(([path]) => headerFields[path])
        .map(([path, messages]) => ({ name: headerFields[path], errors: messages })),
    );
    setError(caught);
  }

  async function save(andThen: boolean) {
    setAttempted(true);
    setError(null);
    let header: OrderHeader;
    try {
      header = await form.validateFields();
    } catch {
      return;
    }
    if (lines.every(isBlank)) {
      setLinesMessage(t("documents.form.noLines"));
      return;
    }
    if (Object.keys(lineProblems(lines, config.columns)).length > 0) {
      setLinesMessage(t("documents.form.fixLines"));
      return;
    }
    const { body, prepared } = config.body(header, lines);
    setLinesMessage(null);
    setSaving(true);
    try {
      const saved = editing?.id
        ? await config.update(editing.id, body)
        : await submission.current.run((key) => config.create(body, key));
      let shown = saved;
      if (andThen && config.then) {
        try {
          shown = await config.then.run(saved);
        } catch (thenError) {
          message.error(describeError(t, thenError));
        }
      }
      void queryClient.invalidateQueries({ queryKey: ["list", config.listPath] });
      queryClient.setQueryData([config.queryKey, saved.id], shown);
      void queryClient.invalidateQueries({ queryKey: [config.queryKey, saved.id] });
      message.success(t(editing ? "documents.form.saved" : "documents.form.created"));
      navigate(config.detailPath(saved));
    } catch (caught) {
      showServerErrors(caught, prepared.gridIndexOf);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Flex vertical gap="middle">
      <Form<OrderHeader>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ party: null, order_date: dayjs(), second_date: null, notes: "", ...initial }}
        onValuesChange={() => setError(null)}
      >
        <Flex wrap gap="middle">
          <Form.Item
            name="party"
            label={t(config.partyLabelKey)}
            rules={[{ required: true, message: t("documents.entry.required") }]}
            style={{ minWidth: 320, flex: "1 1 320px" }}
          >
            <RecordLookup source={config.partySource} value={null} onChange={() => {}} aria-label={t(config.partyLabelKey)} />
          </Form.Item>
          <Form.Item name="order_date" label={t("fields.orderDate")} rules={[{ required: true, message: t("documents.entry.required") }]}>
            <DatePicker allowClear={false} aria-label={t("fields.orderDate")} />
          </Form.Item>
          <Form.Item name="second_date" label={t(config.secondDateLabelKey)}>
            <DatePicker aria-label={t(config.secondDateLabelKey)} />
          </Form.Item>
        </Flex>
        <Form.Item name="notes" label={t("documents.form.notes")}>
          <Input.TextArea rows={2} maxLength={2000} aria-label={t("documents.form.notes")} />
        </Form.Item>
      </Form>
      <div>
        <Typography.Title level={5}>{t("documents.form.lines")}</Typography.Title>
        {linesMessage && (
          <Typography.Paragraph type="danger" role="alert" data-error="lines">
            {linesMessage}
          </Typography.Paragraph>
        )}
        <LineGrid
          columns={config.columns}
          lines={lines}
          onChange={(next) => {
            setLines(next);
            setError(null);
          }}
          serverErrors={serverErrors}
          onServerErrorsChange={setServerErrors}
          showAllProblems={attempted}
          disabled={saving}
        />
      </div>
      {error !== null && (
        <DocumentError
          error={error}
          shownAt={(path) => /^lines\.\d+/.test(path) || path === "lines" || Boolean(headerFields[path])}
          onRetry={() => void save(false)}
        />
      )}
      <Space wrap>
        {config.then && !editing && (
          <Button type="primary" loading={saving} onClick={() => void save(true)} data-action="save-and-continue">
            {t(config.then.labelKey)}
          </Button>
        )}
        <Button type={config.then && !editing ? "default" : "primary"} loading={saving} onClick={() => void save(false)} data-action="save">
          {t(editing ? "documents.form.saveChanges" : "documents.form.saveDraft")}
        </Button>
        <Button onClick={() => navigate(-1)} disabled={saving}>
          {t("documents.form.cancel")}
        </Button>
      </Space>
    </Flex>
  );
}
