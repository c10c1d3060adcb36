// @vitest-environment jsdom
import { render } from "@testing-library/react";
import { expect, it } from "vitest";
import { useKeyboardScroll } from "./keyboardScroll";

function Wide() {
  const wrapper = useKeyboardScroll("Order lines");
  return (
    <div ref={wrapper}>
      <div className="ant-table-content">
        <table />
      </div>
    </div>
  );
}

it("makes the table's scrolling area a named region the keyboard can reach", () => {
  const { container } = render(<Wide />);
  const area = container.querySelector(".ant-table-content")!;
  expect(area.getAttribute("tabindex")).toBe("0");
  expect(area.getAttribute("role")).toBe("region");
  expect(area.getAttribute("aria-label")).toBe("Order lines");
});
