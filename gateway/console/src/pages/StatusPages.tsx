import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export function Forbidden({ detail }: { detail?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={t("errors.forbiddenTitle")}
      subTitle={detail ?? t("errors.forbidden")}
      extra={
        <Link to="/">
          <Button type="primary">{t("errors.backHome")}</Button>
        </Link>
      }
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t("errors.notFoundTitle")}
      subTitle={t("errors.notFound")}
      extra={
        <Link to="/">
          <Button type="primary">{t("errors.backHome")}</Button>
        </Link>
      }
    />
  );
}
