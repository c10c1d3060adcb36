/** i18next with both languages bundled (nothing is fetched at run time), and the per-user language choice. */
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import en from "./en";
import zhCN from "./zh-CN";

export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const DAYJS_LOCALES = { "zh-CN": "zh-cn", en: "en" } as const;

const KEY_PREFIX = "erp.language";

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

function storageKey(username: string | null): string {
  return username ? `${KEY_PREFIX}.${username}` : KEY_PREFIX;
}

/** The user's own choice, else the last choice on this browser, else the browser's language. */
export function preferredLanguage(username: string | null, storage: Storage = localStorage, browserLanguage = navigator.language): Language {
  const own = username ? storage.getItem(storageKey(username)) : null;
  if (isLanguage(own)) return own;
  const last = storage.getItem(storageKey(null));
  if (isLanguage(last)) return last;
  return browserLanguage.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function rememberLanguage(username: string | null, language: Language, storage: Storage = localStorage): void {
  storage.setItem(storageKey(null), language);
  if (username) storage.setItem(storageKey(username), language);
}

export function createI18n(language: Language) {
  const instance = i18n.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, "zh-CN": { translation: zhCN } },
    lng: language,
    fallbackLng: "en",
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    initAsync: false,
  });
  return instance;
}
