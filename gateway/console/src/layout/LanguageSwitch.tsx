import { GlobalOutlined } from "@ant-design/icons";
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n";
import { useLanguage } from "../i18n/LanguageProvider";

const NAMES: Record<Language, string> = { "zh-CN": "简体中文", en: "English" };

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language, setLanguage } = useLanguage();
  return (
    <Select<Language>
      aria-label={t("app.language")}
      value={language}
      onChange={setLanguage}
      variant="borderless"
      suffixIcon={<GlobalOutlined />}
      options={(Object.keys(NAMES) as Language[]).map((value) => ({ value, label: NAMES[value] }))}
      style={{ width: 120 }}
    />
  );
}
