import { Alert, Card, Col, Flex, Row, Skeleton, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAuth } from "../auth/AuthProvider";
import { pageTitleKey, visibleSections } from "../layout/navigation";

// The dashboard (and its charts) load after the page: the shell stays light.
const Dashboard = lazy(() => import("./dashboard/Dashboard"));

export function Home() {
  const { t } = useTranslation();
  const { session, roles } = useAuth();
  const sections = visibleSections(roles);
  return (
    <Flex vertical gap="large">
      <div>
        <Typography.Title level={2}>{t("home.welcome", { name: session?.claims.username ?? "" })}</Typography.Title>
        <Typography.Paragraph type="secondary">
          {t("home.roles", { roles: roles.map((role) => t(`roles.${role}`, { defaultValue: role })).join(", ") || "—" })}
        </Typography.Paragraph>
        <Typography.Paragraph>{t("home.intro")}</Typography.Paragraph>
      </div>
      {sections.length === 0 && <Alert type="warning" showIcon title={t("home.noRoles")} />}
      <Suspense fallback={<Skeleton active />}>
        <Dashboard />
      </Suspense>
      <Row gutter={[16, 16]}>
        {sections.map((section) => (
          <Col key={section.key} xs={24} sm={12} lg={6}>
            <Card title={t(section.labelKey)} size="small">
              <Flex vertical gap="small">
                {section.pages.map((page) => (
                  <Link key={page.path} to={page.path}>
                    {t(pageTitleKey(page))}
                  </Link>
                ))}
              </Flex>
            </Card>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
