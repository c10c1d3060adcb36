/** Pieces every document detail page shows: its step bar, its history, amounts and quantities in tables. */
import { Steps, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatAmount, formatQuantity } from "../decimal/format";
import { useLanguage } from "../i18n/LanguageProvider";
import { formatDate } from "../lists/display";
import type { StepBar } from "./lifecycle";

/** The lifecycle as a step bar; `labels` is the i18n prefix of the steps ("status.purchaseOrder"). */
export function LifecycleSteps({ bar, labels, dates }: { bar: StepBar; labels: string; dates?: Partial<Record<string, string | null | undefined>> }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  return (
    <Steps
      size="small"
      current={bar.current}
      status={bar.status}
      data-steps={bar.steps[bar.current] ?? ""}
      items={bar.steps.map((step, index) => {
        const label = index === bar.current && bar.currentLabel ? bar.currentLabel : step;
        const date = dates?.[step];
        return {
          key: step,
          title: t(`${labels}.${label}`, { defaultValue: label }),
          content: index <= bar.current && date ? formatDate(date, language, true) : undefined,
        };
      })}
    />
  );
}

export interface HistoryEvent {
  at: string | null | undefined;
  what: string;
  who?: string | null;
  detail?: string | null;
}

/** Who did what, when: the timestamps and names the document's API returns, oldest first. */
export function DocumentHistory({ events }: { events: HistoryEvent[] }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const known = events.filter((event): event is HistoryEvent & { at: string } => Boolean(event.at)).sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div data-panel="history">
      <Timeline
        items={known.map((event, index) => ({
          key: `${event.at}-${index}`,
          content: (
            <>
              <Typography.Text strong>{event.what}</Typography.Text>
              {event.who && <Typography.Text> · {t("documents.history.by", { who: event.who })}</Typography.Text>}
              <div>
                <Typography.Text type="secondary">{formatDate(event.at, language, true)}</Typography.Text>
              </div>
              {event.detail && <Typography.Text type="secondary">{event.detail}</Typography.Text>}
            </>
          ),
        }))}
      />
      <Typography.Paragraph type="secondary">{t("documents.history.limits")}</Typography.Paragraph>
    </div>
  );
}

export function Amount({ value }: { value: string | null | undefined }) {
  const { language } = useLanguage();
  return <span className="erp-number">{formatAmount(value, language)}</span>;
}

export function Quantity({ value, unit }: { value: string | null | undefined; unit?: string | null }) {
  const { language } = useLanguage();
  return (
    <span className="erp-number">
      {formatQuantity(value, language)}
      {unit ? ` ${unit}` : ""}
    </span>
  );
}
