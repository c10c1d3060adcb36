/**
 * The home dashboard: the counts of the caller's work, each a link to the list that shows those rows, the
 * receivables' ageing, and sales and gross margin by month (the charts load their code only when shown).
 */
import { useQuery } from "@tanstack/react-query";
import { Card, Col, Flex, Row, Skeleton, Tooltip, Typography } from "antd";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { unwrap } from "../../api/client";
import { fetchAll } from "../../api/lists";
import { useAuth } from "../../auth/AuthProvider";
import { describeError } from "../../errors/ErrorNotice";
import { canOpen, PAGES } from "../../layout/navigation";
import { AGEING_BUCKETS, ageOpenItems, todayUtc } from "../../reports/ageing";
import { countOf } from "../../reports/fetch";
import { query } from "../../reports/links";
import type { Sent } from "../../reports/types";
import { useFormats } from "../../reports/ui";
import { AR_AGEING, countCardsFor, LATE_DELIVERIES, SALES_CHARTS, showsWidget, type CountFigure } from "./cards";

const SalesCharts = lazy(() => import("./SalesCharts"));
const FRESH = 60_000;

function Figure({ label, to, value, error }: { label: string; to: string; value: string | number | undefined; error?: unknown }) {
  const { t } = useTranslation();
  return (
    <Flex vertical>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {error ? (
        <Tooltip title={describeError(t, error)}>
          <Typography.Text type="danger">—</Typography.Text>
        </Tooltip>
      ) : value === undefined ? (
        <Skeleton.Button active size="small" />
      ) : (
        <Link to={to} className="erp-dashboard-number">
          {value}
        </Link>
      )}
    </Flex>
  );
}

function CountFigureView({ figure }: { figure: CountFigure }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const count = useQuery({ queryKey: ["dashboard", "count", figure.path, figure.filters], queryFn: () => countOf(api, figure.path, figure.filters), staleTime: FRESH });
  return <Figure label={t(figure.labelKey)} to={figure.link} value={count.data} error={count.error} />;
}

function LateDeliveriesCard() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  const report = useQuery({
    queryKey: ["dashboard", "late-deliveries", since],
    queryFn: async () => (await unwrap(api.GET("/api/procurement/reports/late-deliveries", { params: { query: { received_since: since } } }))).data,
    staleTime: FRESH,
  });
  return (
    <Card size="small" title={t("screens.nav.lateDeliveries")}>
      <Flex gap="large" wrap>
        <Figure label={t("screens.dashboard.overdueLinesShort")} to="/procurement/late-deliveries" value={report.data?.open_lines?.length} error={report.error} />
        <Figure
          label={t("screens.dashboard.lateReceiptsShort")}
          to={`/procurement/late-deliveries${query({ received_since: since })}`}
          value={report.data?.late_receipts?.length}
          error={report.error}
        />
      </Flex>
    </Card>
  );
}

function ArAgeingCard() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const open = useQuery({
    queryKey: ["dashboard", "ar-open-invoices"],
    queryFn: async () => {
      const { rows, truncated } = await fetchAll(api, "/api/sales/invoices", { status: "open" }, { maxRows: 5000 });
      return { rows: rows as Sent<(typeof rows)[number]>[], truncated };
    },
    staleTime: FRESH,
  });
  const ageing = open.data ? ageOpenItems(open.data.rows, todayUtc()) : null;
  return (
    <Card size="small" title={t("screens.dashboard.cards.arAgeing")} extra={<Link to="/finance/ar-subledger">{t("screens.dashboard.details")}</Link>}>
      <Flex gap="large" wrap>
        {AGEING_BUCKETS.map((bucket) => (
          <Figure key={bucket} label={t(`screens.finance.ageing.${bucket}`)} to="/finance/ar-subledger" value={ageing ? formats.amount(ageing.buckets[bucket]) : undefined} error={open.error} />
        ))}
        <Figure label={t("screens.report.total")} to="/finance/ar-subledger" value={ageing ? formats.amount(ageing.total) : undefined} error={open.error} />
      </Flex>
      {open.data?.truncated && <Typography.Text type="warning">{t("screens.finance.ageingTruncated", { count: open.data.rows.length })}</Typography.Text>}
    </Card>
  );
}

export default function Dashboard() {
  const { t } = useTranslation();
  const { roles } = useAuth();
  const linkOpens = (link: string) => {
    const path = link.split("?")[0];
    const page = PAGES.find((candidate) => candidate.path === path);
    return page !== undefined && canOpen(roles, page);
  };
  const cards = countCardsFor(roles, linkOpens);
  const late = showsWidget(roles, LATE_DELIVERIES) && linkOpens("/procurement/late-deliveries");
  const ageing = showsWidget(roles, AR_AGEING) && linkOpens("/finance/ar-subledger");
  const charts = showsWidget(roles, SALES_CHARTS);
  if (cards.length === 0 && !late && !ageing && !charts) return null;
  return (
    <Flex vertical gap="middle">
      <Row gutter={[16, 16]}>
        {cards.map((card) => (
          <Col key={card.key} xs={24} md={12} xl={8}>
            <Card size="small" title={t(card.titleKey)} style={{ height: "100%" }}>
              <Flex gap="large" wrap>
                {card.figures.map((figure) => (
                  <CountFigureView key={figure.key} figure={figure} />
                ))}
              </Flex>
            </Card>
          </Col>
        ))}
        {late && (
          <Col xs={24} md={12} xl={8}>
            <LateDeliveriesCard />
          </Col>
        )}
        {ageing && (
          <Col xs={24} xl={16}>
            <ArAgeingCard />
          </Col>
        )}
      </Row>
      {charts && (
        <Suspense fallback={<Skeleton active />}>
          <SalesCharts />
        </Suspense>
      )}
    </Flex>
  );
}

