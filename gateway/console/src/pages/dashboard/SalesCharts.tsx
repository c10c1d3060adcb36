/** Sales and gross margin by month over the last twelve months, as charts; exact figures in the tooltips. */
import { useQuery } from "@tanstack/react-query";
import { Card, Col, Row, Typography } from "antd";
import { lazy, Suspense, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { unwrap } from "../../api/client";
import { useAuth } from "../../auth/AuthProvider";
import { ErrorNotice } from "../../errors/ErrorNotice";
import { todayUtc } from "../../reports/ageing";
import type { GetAnswer } from "../../reports/types";
import { useFormats } from "../../reports/ui";
import { formatAmount } from "../../decimal/format";
import type { ChartOption } from "../../charts/EChart";
import { lastMonths, monthly, periodOf, plotted } from "./chartData";

const EChart = lazy(() => import("../../charts/EChart"));

type SalesAnalysis = GetAnswer<"/api/sales/analysis/sales">;
type MarginAnalysis = GetAnswer<"/api/sales/analysis/gross-margin">;

interface TooltipParam {
  dataIndex: number;
  seriesName: string;
  seriesIndex: number;
}

/** A canvas tooltip listing each series' exact value for the month pointed at. */
function tooltip(months: readonly string[], series: readonly { name: string; values: readonly string[] }[], format: (value: string) => string) {
  return {
    trigger: "axis" as const,
    renderMode: "richText" as const,
    formatter: (params: unknown) => {
      const points = (Array.isArray(params) ? params : [params]) as TooltipParam[];
      const index = points[0]?.dataIndex ?? 0;
      return [months[index], ...series.map((one) => `${one.name}: ${format(one.values[index])}`)].join("\n");
    },
  };
}

export default function SalesCharts() {
  const { t } = useTranslation();
  const { api } = useAuth();
  const formats = useFormats();
  const { language } = formats;
  const months = useMemo(() => lastMonths(todayUtc()), []);
  const period = periodOf(months);
  const sales = useQuery({
    queryKey: ["dashboard", "sales-by-month", period],
    queryFn: async () => (await unwrap(api.GET("/api/sales/analysis/sales", { params: { query: { ...period, group_by: "month" } } }))).data as SalesAnalysis,
    staleTime: 5 * 60_000,
  });
  const margin = useQuery({
    queryKey: ["dashboard", "margin-by-month", period],
    queryFn: async () => (await unwrap(api.GET("/api/sales/analysis/gross-margin", { params: { query: { ...period, group_by: "month" } } }))).data as MarginAnalysis,
    staleTime: 5 * 60_000,
  });

  const salesOption = useMemo<ChartOption | null>(() => {
    if (!sales.data) return null;
    const net = monthly(sales.data.rows, months, "net_sales");
    const name = t("screens.dashboard.netSales");
    return {
      grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
      tooltip: tooltip(months, [{ name, values: net }], (value) => formatAmount(value, language)),
      xAxis: { type: "category", data: [...months] },
      yAxis: { type: "value" },
      series: [{ type: "bar", name, data: plotted(net), itemStyle: { color: "#1677ff" } }],
    };
  }, [sales.data, months, t, language]);

  const marginOption = useMemo<ChartOption | null>(() => {
    if (!margin.data) return null;
    const series = [
      { name: t("screens.dashboard.revenue"), values: monthly(margin.data.rows, months, "revenue"), type: "bar" as const, color: "#69b1ff" },
      { name: t("screens.dashboard.cogs"), values: monthly(margin.data.rows, months, "cogs"), type: "bar" as const, color: "#ffc069" },
      { name: t("screens.dashboard.grossMargin"), values: monthly(margin.data.rows, months, "gross_margin"), type: "line" as const, color: "#389e0d" },
    ];
    return {
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      legend: { top: 0 },
      tooltip: tooltip(months, series, (value) => formatAmount(value, language)),
      xAxis: { type: "category", data: [...months] },
      yAxis: { type: "value" },
      series: series.map((one) => ({ type: one.type, name: one.name, data: plotted(one.values), itemStyle: { color: one.color } })),
    } as ChartOption;
  }, [margin.data, months, t, language]);

  const chart = (option: ChartOption | null, label: string, error: unknown, retry: () => void) =>
    error ? (
      <ErrorNotice error={error} onRetry={retry} />
    ) : option ? (
      <Suspense fallback={<div className="erp-chart" />}>
        <EChart option={option} label={label} />
      </Suspense>
    ) : (
      <div className="erp-chart" />
    );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t("screens.dashboard.salesByMonth")}
          extra={sales.data && <Typography.Text type="secondary">{t("screens.dashboard.periodTotal", { total: formats.amount(sales.data.totals.net_sales) })}</Typography.Text>}
        >
          {chart(salesOption, t("screens.dashboard.salesByMonth"), sales.error, () => void sales.refetch())}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t("screens.dashboard.marginByMonth")}
          extra={
            margin.data && (
              <Typography.Text type="secondary">
                {t("screens.dashboard.periodMargin", {
                  margin: formats.amount(margin.data.totals.gross_margin),
                  pct: margin.data.totals.margin_pct === null ? "—" : `${formats.amount(margin.data.totals.margin_pct)} %`,
                })}
              </Typography.Text>
            )
          }
        >
          {chart(marginOption, t("screens.dashboard.marginByMonth"), margin.error, () => void margin.refetch())}
          {margin.data && margin.data.totals.uncosted_lines > 0 && (
            <Typography.Text type="warning">{t("screens.dashboard.uncosted", { count: margin.data.totals.uncosted_lines })}</Typography.Text>
          )}
        </Card>
      </Col>
    </Row>
  );
}
