/**
 * What a list screen needs to manage its master records: a "New …" button when the caller may create one,
 * the row's code opening the record, and the drawer itself. ResourceList calls this for a resource with a
 * `record` spec and places the three parts; lists without one are untouched.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthProvider";
import { mayCreate } from "./permissions";
import { RecordDrawer } from "./RecordDrawer";
import type { RecordFormSpec } from "./spec";

/** closed, a new record, or the id of the record shown */
type Opened = { kind: "closed" } | { kind: "new" } | { kind: "record"; id: string };

export interface RecordDrawerParts {
  newButton: ReactNode;
  /** The first column's content as a link opening its row's record, or null for lists without records. */
  recordLink: ((row: Record<string, unknown>, content: ReactNode) => ReactNode) | null;
  drawer: ReactNode;
}

export function useRecordDrawer(spec: RecordFormSpec | undefined): RecordDrawerParts {
  const { t } = useTranslation();
  const { roles } = useAuth();
  const [opened, setOpened] = useState<Opened>({ kind: "closed" });
  if (!spec) return { newButton: null, recordLink: null, drawer: null };
  return {
    newButton: mayCreate(spec, roles) && (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpened({ kind: "new" })} data-action="new-record">
        {t("masterdata.new", { noun: t(spec.nounKey) })}
      </Button>
    ),
    recordLink: (row, content) => (
      // A button, not an anchor without href: it must take focus and answer Enter like any other control.
      <Button type="link" size="small" className="erp-record-link" onClick={() => setOpened({ kind: "record", id: String(row.id) })} data-record={String(row.id)}>
        {content}
      </Button>
    ),
    drawer: (
      <RecordDrawer
        spec={spec}
        open={opened.kind !== "closed"}
        recordId={opened.kind === "record" ? opened.id : null}
        onClose={() => setOpened({ kind: "closed" })}
      />
    ),
  };
}
