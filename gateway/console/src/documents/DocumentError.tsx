/**
 * A refused document request, shown for what it is. Field errors already shown at their field or cell are
 * not repeated: the notice says that some fields need fixing and lists only the ones with no place on the
 * form. Everything else (a rule's message, 403, a retryable failure) is the console's ErrorNotice.
 */
import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/problem";
import { ErrorNotice } from "../errors/ErrorNotice";
import { fieldErrorsOf } from "./fieldErrors";

export function DocumentError({ error, shownAt, onRetry }: { error: unknown; shownAt(path: string): boolean; onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || Object.keys(error.fieldErrors).length === 0 || (error.kind !== "validation" && error.kind !== "rule")) {
    return <ErrorNotice error={error} onRetry={onRetry} />;
  }
  const unplaced = Object.entries(fieldErrorsOf(error)).filter(([path]) => !shownAt(path));
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.kind === "rule" ? `${t("errors.ruleTitle")}: ${error.ruleMessage}` : t("errors.validationTitle")}
      description={
        <>
          {t("documents.form.fixMarked")}
          {unplaced.length > 0 && (
            <ul className="erp-field-errors">
              {unplaced.map(([field, messages]) => (
                <li key={field}>
                  <code>{field}</code>: {messages.join(" ")}
                </li>
              ))}
            </ul>
          )}
        </>
      }
    />
  );
}
