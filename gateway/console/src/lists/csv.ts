/**
 * CSV as Excel and LibreOffice read it (RFC 4180 quoting, CRLF rows, a UTF-8 byte-order mark so Chinese text
 * opens correctly). Text cells that a spreadsheet would run as a formula (=, +, -, @ first) get a leading
 * apostrophe; decimal cells are written exactly as the API sent them, so "-12.50" stays a number.
 */

export const BOM = "\uFEFF";

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
  /** "number": a decimal string or number, never neutralised as a formula. */
  kind?: "text" | "number";
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown, kind: "text" | "number" = "text"): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (kind === "text" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv<Row>(columns: readonly CsvColumn<Row>[], rows: readonly Row[]): string {
  const lines = [columns.map((column) => csvCell(column.header)).join(",")];
  for (const row of rows) lines.push(columns.map((column) => csvCell(column.value(row), column.kind)).join(","));
  return BOM + lines.join("\r\n") + "\r\n";
}

/** Offer `csv` as a file download (a Blob URL: nothing leaves the browser). */
export function downloadCsv(filename: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
