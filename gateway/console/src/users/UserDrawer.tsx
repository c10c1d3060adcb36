/**
 * One user in a drawer: a new one (username, password and roles; POST with an Idempotency-Key, one request
 * however often Create is clicked), or an existing one whose whole role set is saved (PUT) or who is
 * deactivated after a confirm. Who may lose admin is the gateway's rule: its refusal is shown as it words it.
 */
import { useQueryClient } from "@tanstack/react-query";
import { Alert, App, Badge, Button, Checkbox, Drawer, Flex, Form, Input, Space } from "antd";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../api/problem";
import { useAuth } from "../auth/AuthProvider";
import { ROLES } from "../auth/permissions";
import { DocumentError } from "../documents/DocumentError";
import { fieldErrorsOf } from "../documents/fieldErrors";
import { useAction, useSubmission } from "../documents/useSubmission";
import { createUser, deactivateUser, replaceRoles, type User } from "./api";
import { mayCreateUser, userPermissions, USERS_PATH } from "./permissions";
import { createUserBody, MIN_PASSWORD_LENGTH, rolesBody, rolesChanged } from "./requests";

type FieldName = "username" | "password" | "roles";
const FIELDS: ReadonlySet<string> = new Set<FieldName>(["username", "password", "roles"]);

/** "roles.0" (an unknown role in the list) belongs to the roles field. */
function fieldOfPath(path: string): string {
  return path.split(".")[0];
}

function messagesAt(errors: FieldErrors, field: FieldName): string[] {
  return Object.entries(errors).flatMap(([path, messages]) => (fieldOfPath(path) === field ? messages : []));
}

function FormField({ name, label, help, required, errors, children }: { name: FieldName; label: string; help?: string; required?: boolean; errors: FieldErrors; children: ReactNode }) {
  const messages = messagesAt(errors, name);
  return (
    <Form.Item
      label={label}
      htmlFor={name === "roles" ? undefined : `user-${name}`}
      required={required}
      validateStatus={messages.length > 0 ? "error" : undefined}
      help={messages.length > 0 ? <span data-field-error={name}>{messages.join(" ")}</span> : help}
      data-field={name}
    >
      {children}
    </Form.Item>
  );
}

function RoleChoice({ value, onChange, disabled }: { value: readonly string[]; onChange(roles: string[]): void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      role="group"
      aria-label={t("users.fields.roles")}
      value={[...value]}
      disabled={disabled}
      onChange={(checked) => onChange(checked.map(String))}
      options={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
    />
  );
}

/** After any change: the list refetches, and the caller shows the user as the gateway answered. */
function useChanged(onChanged: (user: User) => void) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return async (user: User, text: string) => {
    onChanged(user);
    await queryClient.invalidateQueries({ queryKey: ["list", USERS_PATH] });
    message.success(text);
  };
}

function NewUserForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const submission = useSubmission<User>();
  const changed = useChanged(() => onDone());

  function edited(field: FieldName) {
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([path]) => fieldOfPath(path) !== field)));
  }

  async function create() {
    const body = createUserBody({ username, password, roles: chosen });
    const created = await submission.run((key) =>
      createUser(api, body, key).catch((caught: unknown) => {
        setErrors(fieldErrorsOf(caught));
        throw caught;
      }),
    );
    if (created) await changed(created, t("users.created", { username: created.username }));
  }

  return (
    <Flex vertical gap="middle" data-form="user-new">
      <Form layout="vertical" onFinish={() => void create()} disabled={!mayCreateUser(roles)}>
        <FormField name="username" label={t("users.fields.username")} help={t("users.usernameHelp")} required errors={errors}>
          <Input id="user-username" autoComplete="off" value={username} onChange={(event) => { setUsername(event.target.value); edited("username"); }} />
        </FormField>
        <FormField name="password" label={t("users.fields.password")} help={t("users.passwordHelp", { count: MIN_PASSWORD_LENGTH })} required errors={errors}>
          <Input.Password id="user-password" autoComplete="new-password" value={password} onChange={(event) => { setPassword(event.target.value); edited("password"); }} />
        </FormField>
        <FormField name="roles" label={t("users.fields.roles")} help={t("users.rolesHelp")} required errors={errors}>
          <RoleChoice value={chosen} onChange={(next) => { setChosen(next); edited("roles"); }} />
        </FormField>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={submission.saving} disabled={submission.saving} data-action="create-user">
            {t("users.create")}
          </Button>
          <Button disabled={false} onClick={onDone}>{t("documents.form.close")}</Button>
        </Space>
      </Form>
      {submission.error !== null && <DocumentError error={submission.error} shownAt={(path) => FIELDS.has(fieldOfPath(path))} onRetry={() => void create()} />}
    </Flex>
  );
}

function UserForm({ user, onChanged, onDone }: { user: User; onChanged(user: User): void; onDone(): void }) {
  const { t } = useTranslation();
  const { api, roles } = useAuth();
  const { message, modal } = App.useApp();
  const [chosen, setChosen] = useState<string[]>(user.roles);
  const [errors, setErrors] = useState<FieldErrors>({});
  const action = useAction();
  const [tried, setTried] = useState<"save" | "deactivate">("save");
  const changed = useChanged(onChanged);
  const allowed = userPermissions(roles, user);

  async function save() {
    if (!rolesChanged(user, chosen)) {
      message.info(t("users.unchanged"));
      return;
    }
    const body = rolesBody(chosen);
    setTried("save");
    const saved = await action.run("save", () =>
      replaceRoles(api, user.id, body).catch((caught: unknown) => {
        setErrors(fieldErrorsOf(caught));
        throw caught;
      }),
    );
    if (saved) await changed(saved, t("users.saved", { username: saved.username }));
  }

  async function deactivate() {
    setTried("deactivate");
    const done = await action.run("deactivate", () => deactivateUser(api, user.id));
    if (done) await changed(done, t("users.deactivated", { username: done.username }));
  }

  function confirmDeactivate() {
    modal.confirm({
      title: t("users.deactivateConfirm", { username: user.username }),
      content: t("users.deactivateExplain"),
      okText: t("users.deactivate"),
      okButtonProps: { danger: true },
      cancelText: t("documents.form.back"),
      onOk: deactivate,
    });
  }

  return (
    <Flex vertical gap="middle" data-form="user">
      {!user.active && <Alert type="info" showIcon title={t("users.inactive")} />}
      <Form layout="vertical" onFinish={() => void save()} disabled={!allowed.saveRoles}>
        <FormField name="roles" label={t("users.fields.roles")} help={t("users.rolesHelp")} errors={errors}>
          <RoleChoice value={chosen} onChange={(next) => { setChosen(next); setErrors({}); }} />
        </FormField>
        <Space wrap>
          {allowed.saveRoles && (
            <Button type="primary" htmlType="submit" loading={action.pending === "save"} disabled={action.pending !== null} data-action="save-user">
              {t("users.save")}
            </Button>
          )}
          {allowed.deactivate && (
            <Button danger disabled={action.pending !== null} loading={action.pending === "deactivate"} onClick={confirmDeactivate} data-action="deactivate-user">
              {t("users.deactivate")}
            </Button>
          )}
          <Button disabled={false} onClick={onDone}>{t("documents.form.close")}</Button>
        </Space>
      </Form>
      {action.error !== null && <DocumentError error={action.error} shownAt={(path) => FIELDS.has(fieldOfPath(path))} onRetry={() => void (tried === "save" ? save() : deactivate())} />}
    </Flex>
  );
}

/** `user` null: a new user. There is no GET of one user: the drawer shows the list's row, then each answer. */
export function UserDrawer({ open, user, onChanged, onClose }: { open: boolean; user: User | null; onChanged(user: User): void; onClose(): void }) {
  const { t } = useTranslation();
  const title = user === null ? t("users.new") : (
    <Space>
      {t("users.title", { username: user.username })}
      <Badge status={user.active ? "success" : "default"} text={t(user.active ? "values.active" : "values.inactive")} />
    </Space>
  );
  return (
    <Drawer open={open} onClose={onClose} title={title} size={560} destroyOnHidden>
      {user === null ? (
        <NewUserForm onDone={onClose} />
      ) : (
        <UserForm key={`${user.id}-${String(user.active)}-${user.roles.join(",")}`} user={user} onChanged={onChanged} onDone={onClose} />
      )}
    </Drawer>
  );
}
