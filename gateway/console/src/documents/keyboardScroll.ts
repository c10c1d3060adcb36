/**
 * A wide table that scrolls sideways must be reachable from the keyboard (WCAG 2.1.1; axe's
 * scrollable-region-focusable): its scrolling area becomes a named, focusable region, so arrow keys scroll it.
 * Ant Design's Table has no prop for its inner scroll container, hence the ref on a wrapper.
 */
import { useEffect, useRef } from "react";

export function useKeyboardScroll<T extends HTMLElement = HTMLDivElement>(label: string) {
  const wrapper = useRef<T>(null);
  useEffect(() => {
    const area = wrapper.current?.querySelector<HTMLElement>(".ant-table-content");
    if (!area) return;
    area.tabIndex = 0;
    area.setAttribute("role", "region");
    area.setAttribute("aria-label", label);
  });
  return wrapper;
}
