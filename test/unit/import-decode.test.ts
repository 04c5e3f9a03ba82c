import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsv } from "../../app/people/import/decode.server";

const sample = "employee_no,name,name_kana\n100003,髙橋 一郎,タカハシ イチロウ\n100005,①株式会社 ㈱,カブシキガイシャ\n";

describe("decodeCsv", () => {
  it("reads plain UTF-8", () => {
    expect(decodeCsv(Buffer.from(sample, "utf8"))).toEqual({ text: sample, encoding: "utf-8" });
  });

  it("strips a UTF-8 BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample, "utf8")]);
    const decoded = decodeCsv(bytes);
    expect(decoded.encoding).toBe("utf-8-bom");
    expect(decoded.text).toBe(sample);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("falls back to CP932, including the NEC/IBM extension characters Excel writes", () => {
    const bytes = iconv.encode(sample, "cp932");
    // Sanity: these bytes are not valid UTF-8, so the fallback is what is being tested.
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    expect(decodeCsv(bytes)).toEqual({ text: sample, encoding: "cp932" });
  });

  it("reads ASCII-only content as UTF-8 (the two encodings agree)", () => {
    expect(decodeCsv(iconv.encode("code,name\nA1,x\n", "cp932"))).toEqual({ text: "code,name\nA1,x\n", encoding: "utf-8" });
  });

  it("decodes a Uint8Array view at an offset", () => {
    const backing = Buffer.concat([Buffer.from("xx"), iconv.encode("所属", "cp932")]);
    expect(decodeCsv(backing.subarray(2)).text).toBe("所属");
  });
});
