/** How each kind of value is shown in a list cell and written to a CSV cell. */
import { Badge, Tag } from "antd";
import dayjs from "dayjs";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { formatAmount, formatQuantity } from "../decimal/format";
import { DAYJS_LOCALES, type Language } from "../i18n";
import type { BadgeState, ColumnDef } from "./definition";

export interface CellContext {
  t: TFunction;
  language: Language;
  statusColors?: Record<string, BadgeState>;
}

export function formatDate(value: unknown, language: Language, withTime: boolean): string {
  if (typeof value !== "string" || !value) return "";
  const date = dayjs(value);
  return date.isValid() ? date.locale(DAYJS_LOCALES[language]).format(withTime ? "L LT" : "L") : value;
}

function label(t: TFunction, prefix: string | undefined, value: unknown): string {
  const text = String(value ?? "");
  return prefix ? t(`${prefix}.${text}`, { defaultValue: text }) : text;
}

export function renderCell<Row>(column: ColumnDef<Row>, value: unknown, context: CellContext): ReactNode {
  const { t, language } = context;
  switch (column.kind ?? "text") {
    case "amount":
      return <span className="erp-number">{formatAmount(value, language)}</span>;
    case "quantity":
      return <span className="erp-number">{formatQuantity(value, language)}</span>;
    case "date":
      return formatDate(value, language, false);
    case "datetime":
      return formatDate(value, language, true);
    case "active":
      return value ? <Badge status="success" text={t("values.active")} /> : <Badge status="default" text={t("values.inactive")} />;
    case "status":
      return <Badge status={context.statusColors?.[String(value)] ?? "default"} text={label(t, column.labels, value)} />;
    case "enum":
      return label(t, column.labels, value);
    case "tags":
      return (Array.isArray(value) ? value : []).map((item) => <Tag key={String(item)}>{label(t, column.labels, item)}</Tag>);
    default:
      return value === null || value === undefined ? "" : String(value);
  }
}

/** Numbers as the API sent them (exact, no grouping: spreadsheets parse them); labels as the user reads them. */
export function csvValue<Row>(column: ColumnDef<Row>, value: unknown, context: CellContext): unknown {
  switch (column.kind ?? "text") {
    case "active":
      return value ? context.t("values.active") : context.t("values.inactive");
    case "status":
    case "enum":
      return label(context.t, column.labels, value);
    case "tags":
      return (Array.isArray(value) ? value : []).map((item) => label(context.t, column.labels, item)).join(", ");
    default:
      return value;
  }
}

export function isNumeric<Row>(column: ColumnDef<Row>): boolean {
  return column.kind === "amount" || column.kind === "quantity" || column.kind === "integer";
}
