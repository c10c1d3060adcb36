/**
 * One ECharts chart, with only the parts the console's charts use (bars, lines, grid, tooltip, legend, canvas).
 * This module is the only one that imports ECharts and is itself only imported lazily, so ECharts is loaded
 * with the first page that shows a chart and never with the sign-in page. Tooltips are drawn on the canvas
 * (renderMode "richText"): HTML tooltips would carry inline style attributes the page's CSP refuses.
 */
import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use, type ComposeOption, type EChartsType } from "echarts/core";
import type { BarSeriesOption, LineSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export default function EChart({ option, label }: { option: ChartOption; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const target = element.current;
    if (!target) return;
    const instance = init(target, undefined, { renderer: "canvas" });
    chart.current = instance;
    const resize = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(() => instance.resize());
    resize?.observe(target);
    return () => {
      resize?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={element} className="erp-chart" role="img" aria-label={label} />;
}
