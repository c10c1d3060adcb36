/** The frame of every signed-in page: the menu the user's roles allow, the language switch, sign-out. */
import { AccountBookOutlined, AppstoreOutlined, BuildOutlined, HomeOutlined, LogoutOutlined, SettingOutlined, ShoppingCartOutlined, ShopOutlined, TeamOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Layout, Menu, Space, Tooltip, Typography } from "antd";
import type { ItemType } from "antd/es/menu/interface";
import { Suspense, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation } from "react-router";
import { useAuth } from "../auth/AuthProvider";
import { LanguageSwitch } from "./LanguageSwitch";
import { pageTitleKey, visibleSections } from "./navigation";

const SECTION_ICONS: Record<string, ReactNode> = {
  inventory: <AppstoreOutlined />,
  procurement: <ShoppingCartOutlined />,
  sales: <ShopOutlined />,
  finance: <AccountBookOutlined />,
  manufacturing: <BuildOutlined />,
  hr: <TeamOutlined />,
  administration: <SettingOutlined />,
};

export function Shell() {
  const { t } = useTranslation();
  const { session, roles, signOut } = useAuth();
  const location = useLocation();
  const sections = visibleSections(roles);
  const items: ItemType[] = [
    { key: "/", icon: <HomeOutlined />, label: <Link to="/">{t("nav.home")}</Link> },
    ...sections.map((section) => ({
      key: section.key,
      icon: SECTION_ICONS[section.key],
      label: t(section.labelKey),
      children: section.pages.map((page) => ({ key: page.path, label: <Link to={page.path}>{t(pageTitleKey(page))}</Link> })),
    })),
  ];
  const selected = sections.flatMap((section) => section.pages).find((page) => location.pathname.startsWith(page.path))?.path ?? "/";
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light" width={220}>
        <div className="erp-brand">{t("app.title")}</div>
        <Menu mode="inline" items={items} selectedKeys={[selected]} defaultOpenKeys={sections.map((section) => section.key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="erp-header">
          <Space>
            <LanguageSwitch />
            <Typography.Text>
              <UserOutlined /> {session?.claims.username}
            </Typography.Text>
            <Tooltip title={t("app.signOut")}>
              <Button icon={<LogoutOutlined />} onClick={signOut}>
                {t("app.signOut")}
              </Button>
            </Tooltip>
          </Space>
        </Layout.Header>
        <Layout.Content className="erp-content">
          <Suspense fallback={<Typography.Text type="secondary">{t("app.loading")}</Typography.Text>}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
