/** A table cell's input with its problems under it (the grid's own checks and the server's messages). */
import "./documents.css";
import type { ReactNode } from "react";

export interface CellState {
  status: "error" | undefined;
  "aria-invalid": boolean | undefined;
  "aria-describedby": string | undefined;
}

export function Cell({ path, messages, children }: { path: string; messages: string[]; children(state: CellState): ReactNode }) {
  const errorId = `${path}.error`;
  const invalid = messages.length > 0;
  return (
    <div data-cell={path}>
      {children({ status: invalid ? "error" : undefined, "aria-invalid": invalid || undefined, "aria-describedby": invalid ? errorId : undefined })}
      {invalid && (
        <div id={errorId} className="erp-cell-error">
          {messages.join(" ")}
        </div>
      )}
    </div>
  );
}
