/** An API error shown for what it is: a refusal by role, a rule, invalid fields, or a failure worth retrying. */
import { Alert, Button, Result } from "antd";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/problem";

/** One line for a toast: what went wrong, in the user's words where the console knows them. */
export function describeError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.kind) {
    case "forbidden":
      return `${t("errors.forbiddenTitle")}: ${error.problem.detail ?? t("errors.forbidden")}`;
    case "rule":
      return `${t("errors.ruleTitle")}: ${error.ruleMessage}`;
    case "validation":
      return `${t("errors.validationTitle")}: ${Object.entries(error.fieldErrors).map(([field, messages]) => `${field}: ${messages.join(" ")}`).join("; ")}`;
    case "rate_limited":
      return t("errors.rateLimited", { seconds: error.retryAfterSeconds ?? 60 });
    case "retryable":
      return `${t("errors.retryableTitle")} (${error.status || t("errors.unknownTitle")}). ${t("errors.retryable")}`;
    default:
      return error.message;
  }
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const retry = onRetry && (
    <Button size="small" onClick={onRetry}>
      {t("errors.retry")}
    </Button>
  );
  if (!(error instanceof ApiError)) {
    return <Alert type="error" showIcon title={t("errors.unknownTitle")} description={String((error as Error)?.message ?? error)} action={retry} />;
  }
  switch (error.kind) {
    case "forbidden":
      return <Result status="403" title={t("errors.forbiddenTitle")} subTitle={error.problem.detail ?? t("errors.forbidden")} />;
    case "retryable":
    case "rate_limited":
      return (
        <Alert
          type="warning"
          showIcon
          title={error.kind === "rate_limited" ? t("errors.rateLimited", { seconds: error.retryAfterSeconds ?? 60 }) : t("errors.retryableTitle")}
          description={[error.status ? `HTTP ${error.status}` : "", error.problem.detail, t("errors.retryable")].filter(Boolean).join(" · ")}
          action={retry}
        />
      );
    case "rule":
      return <Alert type="error" showIcon title={t("errors.ruleTitle")} description={error.ruleMessage} />;
    case "validation":
      return (
        <Alert
          type="error"
          showIcon
          title={t("errors.validationTitle")}
          description={
            <ul className="erp-field-errors">
              {Object.entries(error.fieldErrors).map(([field, messages]) => (
                <li key={field}>
                  <code>{field}</code>: {messages.join(" ")}
                </li>
              ))}
            </ul>
          }
        />
      );
    default:
      return <Alert type="error" showIcon title={error.problem.title ?? t("errors.unknownTitle")} description={error.problem.detail} action={retry} />;
  }
}
