/**
 * The input of one declared field. Every value stays text as typed (decimals never become numbers here);
 * a lookup holds the chosen record's id and fetches that record once to show its code and name.
 */
import { useQuery } from "@tanstack/react-query";
import { DatePicker, Input, Select } from "antd";
import dayjs from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthProvider";
import type { LookupSource, RecordRef } from "../documents/lookups";
import { RecordLookup } from "../documents/RecordLookup";
import type { ListPath } from "../api/lists";
import { getRecord } from "./api";
import type { FieldSpec } from "./spec";

interface InputProps {
  field: FieldSpec;
  value: string | null | undefined;
  onChange(value: string | null): void;
  disabled: boolean;
  invalid: boolean;
  id: string;
}

function LookupInput({ source, value, onChange, ...rest }: { source: LookupSource<ListPath, RecordRef>; value: string | null | undefined; onChange(value: string | null): void; disabled: boolean; id: string; "aria-label": string; status?: "error" }) {
  const { api } = useAuth();
  const [chosen, setChosen] = useState<RecordRef | null>(null);
  const known = chosen && chosen.id === value ? chosen : null;
  const stored = useQuery({
    queryKey: ["masterdata", source.path, value],
    queryFn: () => getRecord(api, source.path, value!),
    enabled: Boolean(value) && !known,
    staleTime: 60_000,
  });
  const ref = known ?? (value ? { id: value, code: String(stored.data?.code ?? value), name: (stored.data?.name as string | undefined) ?? null } : null);
  return (
    <RecordLookup
      source={source}
      value={ref}
      onChange={(next) => {
        setChosen(next);
        onChange(next?.id ?? null);
      }}
      {...rest}
    />
  );
}

export function FieldInput({ field, value, onChange, disabled, invalid, id }: InputProps) {
  const { t } = useTranslation();
  const label = t(field.labelKey);
  const common = { id, disabled, "aria-label": label, status: invalid ? ("error" as const) : undefined };
  switch (field.kind) {
    case "select":
      return (
        <Select
          {...common}
          value={value ?? undefined}
          allowClear={!field.required && !field.initial}
          onChange={(next) => onChange(next ?? null)}
          options={(field.options ?? []).map((option) => ({ value: option, label: t(`${field.labels}.${option}`, { defaultValue: option }) }))}
        />
      );
    case "date":
      return (
        <DatePicker
          {...common}
          value={value ? dayjs(value) : null}
          onChange={(next) => onChange(next ? next.format("YYYY-MM-DD") : null)}
          style={{ width: "100%" }}
        />
      );
    case "lookup":
      return <LookupInput source={field.lookup!} value={value} onChange={onChange} {...common} />;
    case "decimal":
    case "integer":
      return (
        <Input
          {...common}
          inputMode={field.kind === "decimal" ? "decimal" : "numeric"}
          autoComplete="off"
          className="erp-number-input"
          value={value ?? ""}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case "text":
      return <Input {...common} autoComplete="off" maxLength={field.maxLength} value={value ?? ""} onChange={(event) => onChange(event.target.value)} />;
  }
}
