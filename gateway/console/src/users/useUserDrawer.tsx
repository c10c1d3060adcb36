/**
 * The users list's drawer parts, in the shape ResourceList places for master records: a "New user" button
 * for whoever may create users, the username opening the user, and the drawer. The drawer's code loads on
 * first open, so the list declarations (imported by the menu) stay light.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/AuthProvider";
import type { RecordDrawerParts } from "../masterdata/useRecordDrawer";
import { asUser, type User } from "./api";
import { mayCreateUser } from "./permissions";

const UserDrawer = lazy(() => import("./UserDrawer").then((module) => ({ default: module.UserDrawer })));

interface Shown {
  open: boolean;
  /** null: a new user. Kept while the drawer closes, so its content does not change mid-animation. */
  user: User | null;
}

export function useUserDrawer(): RecordDrawerParts {
  const { t } = useTranslation();
  const { roles } = useAuth();
  const [shown, setShown] = useState<Shown | null>(null);
  return {
    newButton: mayCreateUser(roles) && (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setShown({ open: true, user: null })} data-action="new-user">
        {t("users.new")}
      </Button>
    ),
    recordLink: (row, content) => (
      <Button type="link" size="small" className="erp-record-link" onClick={() => setShown({ open: true, user: asUser(row) })} data-record={String(row.id)}>
        {content}
      </Button>
    ),
    drawer: shown && (
      <Suspense fallback={null}>
        <UserDrawer
          open={shown.open}
          user={shown.user}
          onChanged={(user) => setShown({ open: true, user })}
          onClose={() => setShown((current) => current && { ...current, open: false })}
        />
      </Suspense>
    ),
  };
}
