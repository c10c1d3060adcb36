import { describe, expect, it } from "vitest";
import { BOM, csvCell, toCsv } from "./csv";

describe("CSV", () => {
  it("quotes what needs quoting and doubles inner quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rlf")).toBe('"cr\rlf"');
    expect(csvCell(" padded ")).toBe('" padded "');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(["a", "b"])).toBe('"[""a"",""b""]"');
  });

  it("neutralises formulas in text, never in numbers", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-12.50", "number")).toBe("-12.50");
    expect(csvCell("-12.50")).toBe("'-12.50");
  });

  it("writes a UTF-8 BOM, a header row and CRLF rows, Chinese text intact", () => {
    const rows = [
      { code: "W-1", name: "上海仓库, 一号", total: "1234.50" },
      { code: "W-2", name: 'The "big" one', total: "-0.05" },
    ];
    const csv = toCsv(
      [
        { header: "编码", value: (row: (typeof rows)[number]) => row.code },
        { header: "Name", value: (row: (typeof rows)[number]) => row.name },
        { header: "Total", value: (row: (typeof rows)[number]) => row.total, kind: "number" },
      ],
      rows,
    );
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1)).toBe('编码,Name,Total\r\nW-1,"上海仓库, 一号",1234.50\r\nW-2,"The ""big"" one",-0.05\r\n');
  });
});
