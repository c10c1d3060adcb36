/**
 * A type-ahead over one list endpoint: the text typed is sent (debounced) as the endpoint's own search, one
 * short page comes back, and the chosen record is kept whole (id, code, name), so it shows as chosen even
 * when the next search no longer lists it. Nothing is fetched until the field is opened or typed in.
 */
import "./documents.css";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Select, Spin } from "antd";
import { forwardRef, useState, type FocusEvent, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { fetchPage, type ListPath, type ListRow } from "../api/lists";
import { useAuth } from "../auth/AuthProvider";
import { describeError } from "../errors/ErrorNotice";
import { useDebouncedValue } from "./useDebouncedValue";
import { LOOKUP_DEBOUNCE_MS, lookupLabel, type LookupSource, type RecordRef } from "./lookups";

interface LookupProps<P extends ListPath, Ref extends RecordRef> {
  source: LookupSource<P, Ref>;
  value: Ref | null;
  onChange(value: Ref | null): void;
  placeholder?: string;
  status?: "error" | "warning";
  disabled?: boolean;
  allowClear?: boolean;
  id?: string;
  "aria-label"?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: boolean;
  style?: React.CSSProperties;
  autoFocus?: boolean;
  onKeyDown?(event: KeyboardEvent<HTMLElement>): void;
  onBlur?(event: FocusEvent<HTMLElement>): void;
}

function LookupInner<P extends ListPath, Ref extends RecordRef>(
  { source, value, onChange, placeholder, status, disabled, allowClear = true, style, ...rest }: LookupProps<P, Ref>,
  ref: React.Ref<{ focus(): void }>,
) {
  const { t } = useTranslation();
  const { api } = useAuth();
  const [text, setText] = useState("");
  const [open, setOpen] = useState(false);
  const search = useDebouncedValue(text, LOOKUP_DEBOUNCE_MS);
  const page = useQuery({
    queryKey: ["lookup", source.path, search],
    queryFn: () => fetchPage(api, source.path, source.query(search)),
    enabled: open || text !== "",
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const refs = (page.data?.rows ?? []).map((row) => source.toRef(row as ListRow<P>));
  const byId = new Map(refs.map((item) => [item.id, item]));
  const waiting = page.isFetching || text !== search;
  const total = page.data?.pagination.total ?? 0;

  return (
    <Select<{ value: string; label: string } | undefined>
      ref={ref as never}
      labelInValue
      value={value ? { value: value.id, label: lookupLabel(value) } : undefined}
      onChange={(next) => {
        onChange(next ? (byId.get(next.value) ?? (value?.id === next.value ? value : null)) : null);
        setText("");
      }}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text, autoClearSearchValue: true }}
      onOpenChange={setOpen}
      options={refs.map((item) => ({ value: item.id, label: lookupLabel(item) }))}
      placeholder={placeholder ?? t("documents.lookup.placeholder")}
      notFoundContent={
        page.isError ? describeError(t, page.error) : waiting ? <Spin size="small" /> : t("documents.lookup.nothingFound")
      }
      popupRender={(menu) => (
        // Busy while the typed text waits for its answer: the options shown may still be the last search's.
        <div aria-busy={waiting} data-lookup-busy={waiting ? "true" : "false"}>
          {menu}
          {total > refs.length && !waiting && (
            <div className="erp-lookup-more">{t("documents.lookup.more", { shown: refs.length, total })}</div>
          )}
        </div>
      )}
      loading={waiting && open}
      status={status}
      disabled={disabled}
      allowClear={allowClear}
      style={{ width: "100%", ...style }}
      popupMatchSelectWidth={false}
      defaultActiveFirstOption
      {...rest}
    />
  );
}

/** A record lookup (items, warehouses, suppliers, customers): see lookups.ts for the sources. */
export const RecordLookup = forwardRef(LookupInner) as <P extends ListPath, Ref extends RecordRef>(
  props: LookupProps<P, Ref> & { ref?: React.Ref<{ focus(): void }> },
) => React.ReactElement;
