/** What every report screen shares: its header, exact numbers in the user's notation, dates, paging. */
import { ReloadOutlined } from "@ant-design/icons";
import { Button, DatePicker, Flex, Space, Typography } from "antd";
import type { TablePaginationConfig } from "antd/es/table";
import dayjs from "dayjs";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatAmount, formatQuantity } from "../decimal/format";
import { useLanguage } from "../i18n/LanguageProvider";
import { formatDate } from "../lists/display";
import { REPORT_PAGE_SIZES, type Paging } from "./params";
import { signOf } from "./values";
import "./reports.css";

export function useFormats() {
  const { language } = useLanguage();
  return {
    language,
    amount: (value: unknown) => formatAmount(value, language),
    quantity: (value: unknown) => formatQuantity(value, language),
    date: (value: unknown) => formatDate(value, language, false),
    dateTime: (value: unknown) => formatDate(value, language, true),
  };
}

/** An amount or quantity as sent, in the locale's separators; `signed` colours losses red and gains green. */
export function Num({ value, kind = "amount", signed = false, strong = false }: { value: unknown; kind?: "amount" | "quantity"; signed?: boolean; strong?: boolean }) {
  const formats = useFormats();
  const text = kind === "amount" ? formats.amount(value) : formats.quantity(value);
  const sign = signed ? signOf(value) : 0;
  return (
    <Typography.Text className="erp-number" type={sign < 0 ? "danger" : sign > 0 ? "success" : undefined} strong={strong}>
      {text}
    </Typography.Text>
  );
}

export function ReportHeader({ title, onRefresh, refreshing, extra }: { title: ReactNode; onRefresh?: () => void; refreshing?: boolean; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" align="center" wrap gap="small">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      <Space wrap>
        {extra}
        {onRefresh && (
          <Button icon={<ReloadOutlined />} onClick={onRefresh} loading={refreshing}>
            {t("list.refresh")}
          </Button>
        )}
      </Space>
    </Flex>
  );
}

/** A date input holding the API's "YYYY-MM-DD" (or nothing). */
export function DateInput({ value, onChange, placeholder }: { value: string | undefined; onChange(value: string | undefined): void; placeholder: string }) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      onChange={(date) => onChange(date ? date.format("YYYY-MM-DD") : undefined)}
      placeholder={placeholder}
      allowClear
      style={{ minWidth: 200 }}
    />
  );
}

/** A period: first and last day, either open. */
export function PeriodInput({ from, to, onChange }: { from: string | undefined; to: string | undefined; onChange(from: string | undefined, to: string | undefined): void }) {
  const { t } = useTranslation();
  return (
    <DatePicker.RangePicker
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      allowEmpty={[true, true]}
      placeholder={[t("screens.report.dateFrom"), t("screens.report.dateTo")]}
      onChange={(dates) => onChange(dates?.[0]?.format("YYYY-MM-DD"), dates?.[1]?.format("YYYY-MM-DD"))}
    />
  );
}

/** Ant Design paging bound to the address's page and page size. */
export function tablePagination(
  paging: Paging,
  total: number,
  set: (changes: Record<string, string | undefined>) => void,
  totalText: (total: number) => string,
  sizes: readonly number[] = REPORT_PAGE_SIZES,
): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: sizes.map(String),
    showTotal: totalText,
    onChange: (page, pageSize) =>
      set({ page: pageSize !== paging.pageSize || page <= 1 ? undefined : String(page), page_size: pageSize === sizes[0] ? undefined : String(pageSize) }),
  };
}
