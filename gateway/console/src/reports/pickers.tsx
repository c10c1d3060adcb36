/** Choosing a warehouse, an item or an account by what people know them by (code and name); the value is the id. */
import { useQuery } from "@tanstack/react-query";
import { Select } from "antd";
import { useState, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { unwrap } from "../api/client";
import { fetchAll, fetchPage } from "../api/lists";
import { useAuth } from "../auth/AuthProvider";
import { LOOKUP_DEBOUNCE_MS } from "../documents/lookups";
import { useDebouncedValue } from "../documents/useDebouncedValue";

interface PickerProps {
  value: string | undefined;
  onChange(value: string | undefined): void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}

const LONG = 5 * 60_000;

export function label(record: { code?: unknown; name?: unknown }): string {
  return [record.code, record.name].filter(Boolean).join(" — ");
}

export function WarehouseSelect({ value, onChange, placeholder, allowClear = true, style }: PickerProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const warehouses = useQuery({
    queryKey: ["pick", "warehouses"],
    queryFn: () => fetchAll(api, "/api/inventory/warehouses", {}, { maxRows: 1000 }),
    staleTime: LONG,
  });
  return (
    <Select
      allowClear={allowClear}
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      placeholder={placeholder ?? t("screens.report.warehouse")}
      aria-label={placeholder ?? t("screens.report.warehouse")}
      loading={warehouses.isLoading}
      showSearch={{ optionFilterProp: "label" }}
      options={(warehouses.data?.rows ?? []).map((row) => ({ value: row.id, label: label(row) }))}
      style={{ minWidth: 200, ...style }}
    />
  );
}

export function ItemSelect({ value, onChange, placeholder, allowClear = true, style }: PickerProps) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [typed, setTyped] = useState("");
  const search = useDebouncedValue(typed.trim(), LOOKUP_DEBOUNCE_MS); // one request when the typing pauses
  const found = useQuery({
    queryKey: ["pick", "items", search],
    queryFn: () => fetchPage(api, "/api/inventory/items", { q: search || undefined, page: 1, page_size: 20 }),
    staleTime: LONG,
  });
  const chosen = useQuery({
    queryKey: ["pick", "item", value],
    queryFn: async () => (await unwrap(api.GET("/api/inventory/items/{record_id}", { params: { path: { record_id: value! } } }))).data,
    enabled: Boolean(value),
    staleTime: LONG,
  });
  const options = (found.data?.rows ?? []).map((row) => ({ value: row.id, label: label(row) }));
  if (value && chosen.data && !options.some((option) => option.value === value)) options.unshift({ value, label: label(chosen.data) });
  return (
    <Select
      allowClear={allowClear}
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      placeholder={placeholder ?? t("screens.report.item")}
      aria-label={placeholder ?? t("screens.report.item")}
      loading={found.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      options={options}
      notFoundContent={found.isFetching ? t("app.loading") : undefined}
      style={{ minWidth: 260, ...style }}
    />
  );
}

export function AccountSelect({ value, onChange, placeholder, allowClear = true, style, accountType }: PickerProps & { accountType?: "asset" | "liability" | "equity" | "revenue" | "expense" }) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const accounts = useQuery({
    queryKey: ["pick", "accounts", accountType],
    queryFn: () => fetchAll(api, "/api/finance/accounts", { account_type: accountType, active: accountType ? true : undefined }, { maxRows: 2000 }),
    staleTime: LONG,
  });
  return (
    <Select
      allowClear={allowClear}
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      placeholder={placeholder ?? t("screens.finance.account")}
      aria-label={placeholder ?? t("screens.finance.account")}
      loading={accounts.isLoading}
      showSearch={{ optionFilterProp: "label" }}
      options={(accounts.data?.rows ?? []).map((row) => ({ value: row.code, label: label(row) }))}
      style={{ minWidth: 220, ...style }}
    />
  );
}
