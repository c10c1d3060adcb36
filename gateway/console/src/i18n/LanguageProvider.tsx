/**
 * One switch for the three things that speak the user's language: i18next (our texts), Ant Design's
 * ConfigProvider (its components' texts, date pickers) and dayjs (dates). The choice is remembered per user.
 */
import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import localizedFormat from "dayjs/plugin/localizedFormat";
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { cspNonce } from "../csp";
import { THEME } from "../theme";
import { useAuth } from "../auth/AuthProvider";
import { createI18n, DAYJS_LOCALES, preferredLanguage, rememberLanguage, type Language } from "./index";

dayjs.extend(localizedFormat);

const ANTD_LOCALES = { "zh-CN": zhCN, en: enUS } as const;

interface LanguageContextValue {
  language: Language;
  setLanguage(language: Language): void;
}

const LanguageContext = createContext<LanguageContextValue | null>(null);

export function LanguageProvider({ children }: { children: ReactNode }) {
  const { session } = useAuth();
  const username = session?.claims.username ?? null;
  const [language, setLanguageState] = useState<Language>(() => preferredLanguage(username));
  const i18n = useMemo(() => createI18n(language), []); // eslint-disable-line react-hooks/exhaustive-deps
  const nonce = useMemo(cspNonce, []);

  const applied = useRef<Language | null>(null);
  if (applied.current !== language) {
    // Before this render's children read them: both are synchronous with bundled resources.
    void i18n.changeLanguage(language);
    dayjs.locale(DAYJS_LOCALES[language]);
    applied.current = language;
  }

  useEffect(() => setLanguageState(preferredLanguage(username)), [username]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const value = useMemo<LanguageContextValue>(
    () => ({
      language,
      setLanguage(next) {
        rememberLanguage(username, next);
        setLanguageState(next);
      },
    }),
    [language, username],
  );

  return (
    <LanguageContext.Provider value={value}>
      <I18nextProvider i18n={i18n}>
        <ConfigProvider locale={ANTD_LOCALES[language]} theme={THEME} csp={nonce ? { nonce } : undefined}>
          <AntApp>{children}</AntApp>
        </ConfigProvider>
      </I18nextProvider>
    </LanguageContext.Provider>
  );
}

export function useLanguage(): LanguageContextValue {
  const value = useContext(LanguageContext);
  if (!value) throw new Error("useLanguage outside LanguageProvider");
  return value;
}
