/**
 * Ant Design's default theme with the colours that fail WCAG AA contrast (4.5:1 for text) made darker,
 * checked by axe in the browser tests (e2e/journeys/accessibility.e2e.ts): the primary blue (4.1:1 on white)
 * becomes Ant Design's own blue-7, hover and pressed states go darker rather than lighter, and secondary
 * text, placeholders, empty-table text and the error, warning and success texts get darker shades of the
 * same hues (from Ant Design's palettes).
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
    colorWarningText: "#ad4e00", // 5.4:1
    colorSuccessText: "#237804", // 5.6:1
    colorTextDescription: "rgba(0, 0, 0, 0.62)", // 5.3:1 on the page's #f5f5f5
    colorTextTertiary: "rgba(0, 0, 0, 0.62)",
    colorTextPlaceholder: "rgba(0, 0, 0, 0.56)", // 4.6:1 on white
  },
  components: {
    // An empty table says "No data" in the disabled grey (1.8:1).
    Table: { colorTextDisabled: "rgba(0, 0, 0, 0.56)" },
  },
};
