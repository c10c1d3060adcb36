/**
 * Ant Design's default theme with the colours that fail WCAG AA contrast (4.5:1 for text) made darker,
 * checked by axe in the browser tests (e2e/journeys/accessibility.e2e.ts): the primary blue (4.1:1 on white)
 * becomes Ant Design's own blue-7, hover and pressed states go darker rather than lighter, and secondary
 * text, placeholders, empty-table text and the error, warning, success and info colours get darker shades of
 * the same hues (from Ant Design's palettes): tags, badges and progress texts are drawn in them on white or
 * on their own pale tints, where the defaults reach 1.8:1 (warning) to 2.3:1 (success).
 */
import type { ThemeConfig } from "antd";

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: "#0958d9", // 6.2:1 on white, 5.5:1 on the selected menu item's tint
    colorPrimaryHover: "#003eb3",
    colorPrimaryActive: "#002c8c",
    colorLink: "#0958d9",
    colorLinkHover: "#003eb3",
    colorLinkActive: "#002c8c",
    colorError: "#cf1322", // 5.6:1: danger buttons and texts
    colorErrorText: "#cf1322",
    colorErrorTextHover: "#a8071a",
    colorWarning: "#ad4e00", // 5.4:1 on white, 5.2:1 on the warning tag's tint
    colorWarningText: "#ad4e00",
    colorSuccess: "#237804", // 5.6:1: success tags, badges and the finished progress text
    colorSuccessText: "#237804",
    colorInfo: "#0958d9", // processing tags and badges, as the primary blue
    // The pale tints behind tags and alerts stay Ant Design's own: derived from the darker colours above they
    // would darken too (the warning tag's text fell to 4.3:1 on its derived tint).
    colorErrorBg: "#fff2f0",
    colorErrorBorder: "#ffccc7",
    colorWarningBg: "#fffbe6",
    colorWarningBorder: "#ffe58f",
    colorSuccessBg: "#f6ffed",
    colorSuccessBorder: "#b7eb8f",
    colorInfoBg: "#e6f4ff",
    colorInfoBorder: "#91caff",
    colorTextDescription: "rgba(0, 0, 0, 0.62)", // 5.3:1 on the page's #f5f5f5
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.56)", // 4.6:1 on white
  },
  components: {
    // An empty table says "No data" in the disabled grey (1.8:1).
    Table: { colorTextDisabled: "rgba(0, 0, 0, 0.56)" },
  },
};
