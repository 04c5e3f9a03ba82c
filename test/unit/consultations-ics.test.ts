import { describe, expect, it } from "vitest";
import { buildIcs, escapeIcsText, foldLine, icsAttachment, unfoldIcs, type IcsInput } from "~/consultations/ics";

const base: IcsInput = {
  method: "REQUEST",
  uid: "consultation-42@portal.example.jp",
  sequence: 0,
  // 01:00Z = 10:00 in Tokyo on Wednesday 2026-11-25
  startsAt: new Date("2026-11-25T01:00:00Z"),
  endsAt: new Date("2026-11-25T01:50:00Z"),
  organizer: { name: "酒井 恵", email: "soudan@pref.toyama.example" },
  attendee: { name: "中川 さくら", email: "shokuin@pref.toyama.example" },
  location: "県庁本館4階 キャリア相談室",
  url: "https://portal.example.jp/consultations/42",
  now: new Date("2026-11-20T06:07:08Z"),
};

/** Unfolded content lines. */
function lines(ics: string): string[] {
  return unfoldIcs(ics).split("\r\n").filter(Boolean);
}

function prop(ics: string, name: string): string[] {
  return lines(ics).filter((line) => line.startsWith(`${name}:`) || line.startsWith(`${name};`));
}

describe("buildIcs", () => {
  it("is a VCALENDAR with PRODID, VERSION 2.0, GREGORIAN and the method", () => {
    const ics = buildIcs(base);
    const all = lines(ics);
    expect(all[0]).toBe("BEGIN:VCALENDAR");
    expect(all.at(-1)).toBe("END:VCALENDAR");
    expect(all).toContain("VERSION:2.0");
    expect(all).toContain("CALSCALE:GREGORIAN");
    expect(all).toContain("METHOD:REQUEST");
    expect(prop(ics, "PRODID")).toHaveLength(1);
    expect(all).toContain("STATUS:CONFIRMED");
  });

  it("uses CRLF line endings only and ends with CRLF", () => {
    const ics = buildIcs(base);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("carries the UID and SEQUENCE", () => {
    const ics = buildIcs({ ...base, sequence: 3 });
    expect(lines(ics)).toContain("UID:consultation-42@portal.example.jp");
    expect(lines(ics)).toContain("SEQUENCE:3");
  });

  it("writes DTSTART/DTEND as Asia/Tokyo wall-clock times and DTSTAMP in UTC", () => {
    const ics = buildIcs(base);
    expect(lines(ics)).toContain("DTSTART;TZID=Asia/Tokyo:20261125T100000");
    expect(lines(ics)).toContain("DTEND;TZID=Asia/Tokyo:20261125T105000");
    expect(lines(ics)).toContain("DTSTAMP:20261120T060708Z");
  });

  it("moves to the next Tokyo date when the UTC instant is late in the evening", () => {
    // 2026-11-30T15:30Z is 2026-12-01 00:30 in Tokyo
    const ics = buildIcs({ ...base, startsAt: new Date("2026-11-30T15:30:00Z"), endsAt: new Date("2026-11-30T16:20:00Z") });
    expect(lines(ics)).toContain("DTSTART;TZID=Asia/Tokyo:20261201T003000");
    expect(lines(ics)).toContain("DTEND;TZID=Asia/Tokyo:20261201T012000");
  });

  it("defines the Asia/Tokyo VTIMEZONE (+0900, JST)", () => {
    const all = lines(buildIcs(base));
    const start = all.indexOf("BEGIN:VTIMEZONE");
    const end = all.indexOf("END:VTIMEZONE");
    expect(start).toBeGreaterThan(0);
    const block = all.slice(start, end + 1);
    expect(block).toContain("TZID:Asia/Tokyo");
    expect(block).toContain("BEGIN:STANDARD");
    expect(block).toContain("TZOFFSETFROM:+0900");
    expect(block).toContain("TZOFFSETTO:+0900");
    expect(block).toContain("TZNAME:JST");
    // the timezone is defined before the event that refers to it
    expect(start).toBeLessThan(all.indexOf("BEGIN:VEVENT"));
  });

  it("titles the event キャリア相談 only and never carries a topic or a note", () => {
    const ics = buildIcs(base);
    expect(prop(ics, "SUMMARY")).toEqual(["SUMMARY:キャリア相談"]);
    for (const secret of ["異動", "キャリアプラン", "職場の人間関係", "上司"]) expect(unfoldIcs(ics)).not.toContain(secret);
    // the input type has no field for them: the only free text is location and url
    expect(Object.keys(base).sort()).toEqual(["attendee", "endsAt", "location", "method", "now", "organizer", "sequence", "startsAt", "uid", "url"]);
  });

  it("has LOCATION, ORGANIZER and ATTENDEE with CN, role and RSVP", () => {
    const ics = buildIcs(base);
    expect(lines(ics)).toContain("LOCATION:県庁本館4階 キャリア相談室");
    expect(lines(ics)).toContain("ORGANIZER;CN=酒井 恵:mailto:soudan@pref.toyama.example");
    expect(lines(ics)).toContain("ATTENDEE;CN=中川 さくら;ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:shokuin@pref.toyama.example");
  });

  it("omits LOCATION and URL when not given", () => {
    const ics = buildIcs({ ...base, location: null, url: undefined });
    expect(prop(ics, "LOCATION")).toEqual([]);
    expect(prop(ics, "URL")).toEqual([]);
  });

  it("escapes commas, semicolons, backslashes and newlines in text values", () => {
    expect(escapeIcsText("a,b;c\\d\ne\r\nf")).toBe("a\\,b\\;c\\\\d\\ne\\nf");
    const ics = buildIcs({ ...base, location: "本館4階, 会議室A; 奥\\右\n(受付)" });
    expect(lines(ics)).toContain("LOCATION:本館4階\\, 会議室A\\; 奥\\\\右\\n(受付)");
  });

  it("quotes a CN that contains a comma or colon", () => {
    const ics = buildIcs({ ...base, attendee: { name: "Smith, John", email: "js@example.jp" } });
    expect(lines(ics)).toContain('ATTENDEE;CN="Smith, John";ROLE=REQ-PARTICIPANT;RSVP=FALSE:mailto:js@example.jp');
  });

  it("folds lines longer than 75 octets without breaking a multi-byte character", () => {
    const longRoom = "富山県庁本館四階キャリア相談室（エレベーターを降りて右手、人事課の奥の個室です。受付は不要です）";
    const ics = buildIcs({ ...base, location: longRoom });
    const raw = ics.split("\r\n");
    const encoder = new TextEncoder();
    for (const line of raw) expect(encoder.encode(line).length).toBeLessThanOrEqual(75);
    // at least one continuation line exists, and each raw line is valid UTF-8 on its own (no split character)
    expect(raw.some((line) => line.startsWith(" "))).toBe(true);
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (const line of raw) expect(() => decoder.decode(encoder.encode(line))).not.toThrow();
    for (const line of raw) expect(line).not.toMatch(/[\ud800-\udfff]/u);
    expect(lines(ics)).toContain(`LOCATION:${longRoom}`);
  });

  it("folds at exactly 75 octets and keeps a 3-byte character whole at the boundary", () => {
    // 'LOCATION:' is 9 octets; 66 'a' make 75 — no fold; one more 3-byte character must go to the next line
    const exact = `LOCATION:${"a".repeat(66)}`;
    expect(foldLine(exact)).toBe(exact);
    const over = `LOCATION:${"a".repeat(65)}相談`;
    const folded = foldLine(over);
    const [first, second] = folded.split("\r\n");
    expect(new TextEncoder().encode(first).length).toBe(74); // 相 (3 octets) would make 77
    expect(second).toBe(" 相談");
    expect(unfoldIcs(folded)).toBe(over);
  });

  it("keeps a surrogate pair (emoji) whole when folding", () => {
    const line = `X:${"😀".repeat(40)}`;
    const folded = foldLine(line);
    for (const part of folded.split("\r\n")) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      expect([...part.trimStart()].every((c) => c === "😀" || c === "X" || c === ":")).toBe(true);
    }
    expect(unfoldIcs(folded)).toBe(line);
  });

  it("CANCEL sends METHOD:CANCEL and STATUS:CANCELLED with the same UID", () => {
    const ics = buildIcs({ ...base, method: "CANCEL", sequence: 2 });
    expect(lines(ics)).toContain("METHOD:CANCEL");
    expect(lines(ics)).toContain("STATUS:CANCELLED");
    expect(lines(ics)).not.toContain("STATUS:CONFIRMED");
    expect(lines(ics)).toContain("UID:consultation-42@portal.example.jp");
    expect(lines(ics)).toContain("SEQUENCE:2");
  });

  it("refuses an end before the start and a bad address", () => {
    expect(() => buildIcs({ ...base, endsAt: base.startsAt })).toThrow(RangeError);
    expect(() => buildIcs({ ...base, attendee: { name: "x", email: "not-an-address" } })).toThrow(RangeError);
  });
});

describe("icsAttachment", () => {
  it("base64-encodes the UTF-8 text with the iTIP method in the content type", () => {
    const ics = buildIcs(base);
    const attachment = icsAttachment(ics, "REQUEST");
    expect(attachment.contentType).toBe("text/calendar; charset=UTF-8; method=REQUEST");
    expect(attachment.filename).toMatch(/\.ics$/);
    expect(Buffer.from(attachment.content, "base64").toString("utf8")).toBe(ics);
    expect(icsAttachment(buildIcs({ ...base, method: "CANCEL" }), "CANCEL").contentType).toContain("method=CANCEL");
  });
});
