/** Sign in with the gateway's token endpoint; afterwards, back to the page that sent the user here. */
import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input, Typography } from "antd";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { SIGN_IN_PATH, unwrap } from "../api/client";
import { ApiError } from "../api/problem";
import { useAuth } from "../auth/AuthProvider";
import { safeReturnPath } from "../auth/session";
import { describeError } from "../errors/ErrorNotice";
import { LanguageSwitch } from "../layout/LanguageSwitch";

interface Credentials {
  username: string;
  password: string;
}

export function SignIn() {
  const { t } = useTranslation();
  const { api, session, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Credentials>();
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false); // a double click submits once: state updates land too late to stop the second
  const [failure, setFailure] = useState<string | null>(null);
  const destination = safeReturnPath(params.get("from"));
  const reason = params.get("reason");

  if (session) return <Navigate to={destination} replace />;

  async function submit(values: Credentials) {
    if (inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setFailure(null);
    try {
      const { data } = await unwrap(api.POST(SIGN_IN_PATH, { body: values }));
      if (!data.access_token || !signIn(data.access_token)) throw new Error("the gateway answered without a usable token");
      navigate(destination, { replace: true });
    } catch (error) {
      if (error instanceof ApiError && error.kind === "validation") form.setFields(error.formFields() as Parameters<typeof form.setFields>[0]);
      setFailure(error instanceof ApiError && error.status === 401 ? t("signIn.wrongCredentials") : describeError(t, error));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  return (
    <div className="erp-sign-in">
      <Card style={{ width: 360 }}>
        <div className="erp-sign-in-header">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t("app.title")} · {t("signIn.title")}
          </Typography.Title>
          <LanguageSwitch />
        </div>
        {reason === "expired" && <Alert type="info" showIcon title={t("signIn.expired")} style={{ marginBottom: 16 }} />}
        {reason === "signed-out" && <Alert type="success" showIcon title={t("signIn.signedOut")} style={{ marginBottom: 16 }} />}
        {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} role="alert" />}
        <Form<Credentials> form={form} layout="vertical" onFinish={(values) => void submit(values)} requiredMark={false}>
          <Form.Item name="username" label={t("signIn.username")} rules={[{ required: true, message: t("signIn.required") }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t("signIn.password")} rules={[{ required: true, message: t("signIn.required") }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting}>
            {t("signIn.submit")}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
