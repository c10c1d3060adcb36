/**
 * The entry form of a new warehouse document (requisition, transfer): the caller's header fields, the line
 * grid, and a create through api/submission.ts (one document however often the button is clicked, one
 * Idempotency-Key across retries). Field errors from the server land on the header field or grid cell they
 * name; a rule's refusal and a failure worth retrying show above the buttons.
 */
import { useQueryClient } from "@tanstack/react-query";
import { App, Button, Flex, Form, Space, Typography, type FormInstance } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { ListPath } from "../../api/lists";
import type { FieldErrors } from "../../api/problem";
import { DocumentError } from "../../documents/DocumentError";
import { errorsOnGrid, type PreparedLines } from "../../documents/draftLines";
import { fieldErrorsOf, splitLineErrors } from "../../documents/fieldErrors";
import { useSubmission } from "../../documents/useSubmission";
import { ItemLinesGrid } from "./ItemLinesGrid";
import { blankItemLine, isBlankItemLine, itemLineProblems, type ItemLine } from "./itemLines";

export interface ItemDocumentConfig<Header, Doc extends { id?: string }> {
  /** Each line names its own warehouse (a requisition) rather than the header (a transfer). */
  withWarehouse: boolean;
  /** The API's header field names and the form's names for them, where their errors belong. */
  headerFields: Record<string, keyof Header & string>;
  body(header: Header, lines: readonly ItemLine[]): { body: unknown; prepared: PreparedLines<unknown> };
  create(body: unknown, idempotencyKey: string): Promise<Doc>;
  detailPath(doc: Doc): string;
  listPath: ListPath;
  queryKey: string;
  /** Name of the form for browser tests ("requisition"). */
  formName: string;
  /** The create button's text: a requisition goes to approval at once, a transfer starts as a draft. */
  saveLabelKey: string;
}

export function ItemDocumentForm<Header extends object, Doc extends { id?: string }>({ config, form, initialValues, children }: {
  config: ItemDocumentConfig<Header, Doc>;
  form: FormInstance<Header>;
  initialValues: Partial<Header>;
  /** The header's Form.Items. */
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [lines, setLines] = useState<ItemLine[]>(() => [blankItemLine()]);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [attempted, setAttempted] = useState(false);
  const [linesMessage, setLinesMessage] = useState<string | null>(null);
  const submission = useSubmission<Doc>();

  function showServerErrors(caught: unknown, gridIndexOf: number[]) {
    const errors = errorsOnGrid(fieldErrorsOf(caught), gridIndexOf);
    const { other } = splitLineErrors(errors);
    setServerErrors(Object.fromEntries(Object.entries(errors).filter(([path]) => /^lines\.\d+/.test(path))));
    setLinesMessage(other.lines ? other.lines.join(" ") : null);
    form.setFields(
      Object.entries(other)
        .filter(([path]) => config.headerFields[path])
        .map(([path, messages]) => ({ name: config.headerFields[path] as never, errors: messages })),
    );
  }

  async function save() {
    setAttempted(true);
    submission.setError(null);
    let header: Header;
    try {
      header = await form.validateFields();
    } catch {
      return;
    }
    if (lines.every(isBlankItemLine)) {
      setLinesMessage(t("warehouseDocs.grid.noLines"));
      return;
    }
    if (Object.keys(itemLineProblems(lines, config.withWarehouse)).length > 0) {
      setLinesMessage(t("warehouseDocs.grid.fixLines"));
      return;
    }
    const { body, prepared } = config.body(header, lines);
    setLinesMessage(null);
    const saved = await submission.run((key) =>
      config.create(body, key).catch((caught: unknown) => {
        showServerErrors(caught, prepared.gridIndexOf);
        throw caught;
      }),
    );
    if (!saved) return;
    void queryClient.invalidateQueries({ queryKey: ["list", config.listPath] });
    queryClient.setQueryData([config.queryKey, saved.id], saved);
    message.success(t("documents.form.created"));
    navigate(config.detailPath(saved));
  }

  return (
    <Flex vertical gap="middle" data-form={config.formName}>
      <Form<Header> form={form} layout="vertical" requiredMark initialValues={initialValues} onValuesChange={() => submission.setError(null)}>
        {children}
      </Form>
      <div>
        <Typography.Title level={5}>{t("documents.form.lines")}</Typography.Title>
        {linesMessage && (
          <Typography.Paragraph type="danger" role="alert" data-error="lines">
            {linesMessage}
          </Typography.Paragraph>
        )}
        <ItemLinesGrid
          withWarehouse={config.withWarehouse}
          lines={lines}
          onChange={(next) => {
            setLines(next);
            submission.setError(null);
          }}
          serverErrors={serverErrors}
          onServerErrorsChange={setServerErrors}
          showAllProblems={attempted}
          disabled={submission.saving}
        />
      </div>
      {submission.error !== null && (
        <DocumentError
          error={submission.error}
          shownAt={(path) => /^lines\.\d+/.test(path) || path === "lines" || Boolean(config.headerFields[path])}
          onRetry={() => void save()}
        />
      )}
      <Space wrap>
        <Button type="primary" loading={submission.saving} onClick={() => void save()} data-action="save">
          {t(config.saveLabelKey)}
        </Button>
        <Button onClick={() => navigate(-1)} disabled={submission.saving}>
          {t("documents.form.cancel")}
        </Button>
      </Space>
    </Flex>
  );
}
