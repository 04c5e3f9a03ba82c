// iCalendar (RFC 5545 / iTIP RFC 5546) invitations for career consultations, in the shape Outlook, Google Calendar
// and Apple Calendar accept: CRLF line endings, content lines folded at 75 octets without splitting a UTF-8
// character, an explicit VTIMEZONE for Asia/Tokyo, local times with TZID, DTSTAMP in UTC.
// PURE: no clock, no database, no node APIs. The title is always 「キャリア相談」 — never the topic or the note.

export type IcsMethod = "REQUEST" | "CANCEL";

export interface IcsPerson {
  name: string;
  email: string;
}

export interface IcsInput {
  /** REQUEST: a new or updated event (STATUS:CONFIRMED); CANCEL: the event is withdrawn (STATUS:CANCELLED). */
  method: IcsMethod;
  /** Stable for the life of the booking: a move sends the same UID with a higher sequence. */
  uid: string;
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  organizer: IcsPerson;
  attendee: IcsPerson;
  /** The room for 対面, 「オンライン」 for online sessions. */
  location?: string | null;
  /** A link to the booking page (shown as URL and in the description). */
  url?: string | null;
  /** DTSTAMP: when this version of the invitation was created. */
  now: Date;
}

/** The only title a consultation ever carries in a calendar. */
export const ICS_SUMMARY = "キャリア相談";
export const ICS_TIME_ZONE = "Asia/Tokyo";
export const ICS_PRODID = "-//Toyama Prefectural Government//Staff Challenge Portal//JA";

const CRLF = "\r\n";
const MAX_OCTETS = 75;
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000; // Japan has no daylight saving time.
const encoder = new TextEncoder();

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

function assertInstant(value: Date, what: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new RangeError(`buildIcs: ${what} is not a valid date`);
}

/** 20261125T010000Z */
export function icsUtc(instant: Date): string {
  return (
    `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}

/** The Asia/Tokyo wall-clock time of an instant: 20261125T100000 (for DTSTART;TZID=Asia/Tokyo:…). */
export function icsTokyoLocal(instant: Date): string {
  return icsUtc(new Date(instant.getTime() + TOKYO_OFFSET_MS)).slice(0, -1);
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/**
 * A parameter value (CN=…): quoted when it contains ':' ';' or ','; DQUOTE and control characters cannot appear in
 * a parameter value at all, so they are dropped.
 */
export function icsParamValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f\u007f]/g, "").trim();
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

function mailto(email: string): string {
  const address = email.trim();
  if (!/^[^@\s:;,"]+@[^@\s:;,"]+$/.test(address)) throw new RangeError(`buildIcs: "${email}" is not an email address`);
  return `mailto:${address}`;
}

/**
 * Folds one content line at 75 octets (RFC 5545 §3.1): CRLF + one space before each continuation, the space
 * counting toward the next line's 75. Splits only between code points, so a multi-byte character (漢字, emoji)
 * is never cut in half.
 */
export function foldLine(line: string): string {
  if (encoder.encode(line).length <= MAX_OCTETS) return line;
  const out: string[] = [];
  let current = "";
  let octets = 0;
  let limit = MAX_OCTETS;
  for (const char of line) {
    const size = encoder.encode(char).length;
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
      limit = MAX_OCTETS - 1; // the leading space of a continuation line
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** Undoes folding (for tests and readers): CRLF followed by one space or tab joins the lines. */
export function unfoldIcs(text: string): string {
  return text.replace(/\r\n[ \t]/g, "");
}

const VTIMEZONE_TOKYO = [
  "BEGIN:VTIMEZONE",
  `TZID:${ICS_TIME_ZONE}`,
  "BEGIN:STANDARD",
  "DTSTART:19700101T000000",
  "TZOFFSETFROM:+0900",
  "TZOFFSETTO:+0900",
  "TZNAME:JST",
  "END:STANDARD",
  "END:VTIMEZONE",
];

/** The whole VCALENDAR text, CRLF line endings, ending with a CRLF. */
export function buildIcs(input: IcsInput): string {
  assertInstant(input.startsAt, "startsAt");
  assertInstant(input.endsAt, "endsAt");
  assertInstant(input.now, "now");
  if (input.endsAt.getTime() <= input.startsAt.getTime()) throw new RangeError("buildIcs: endsAt must be after startsAt");
  if (!Number.isInteger(input.sequence) || input.sequence < 0) throw new RangeError("buildIcs: sequence must be a non-negative integer");
  const uid = input.uid.trim();
  if (!uid || /[\r\n]/.test(uid)) throw new RangeError("buildIcs: uid is required and must be one line");

  const cancel = input.method === "CANCEL";
  const location = input.location?.trim();
  const url = input.url?.trim();
  const lines = [
    "BEGIN:VCALENDAR",
    `PRODID:${ICS_PRODID}`,
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    `METHOD:${input.method}`,
    ...VTIMEZONE_TOKYO,
    "BEGIN:VEVENT",
    `UID:${escapeIcsText(uid)}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${icsUtc(input.now)}`,
    `DTSTART;TZID=${ICS_TIME_ZONE}:${icsTokyoLocal(input.startsAt)}`,
    `DTEND;TZID=${ICS_TIME_ZONE}:${icsTokyoLocal(input.endsAt)}`,
    `SUMMARY:${escapeIcsText(ICS_SUMMARY)}`,
    ...(location ? [`LOCATION:${escapeIcsText(location)}`] : []),
    ...(url ? [`URL:${url.replace(/[\r\n]/g, "")}`, `DESCRIPTION:${escapeIcsText(`予約の確認 / Booking details: ${url}`)}`] : []),
    `ORGANIZER;CN=${icsParamValue(input.organizer.name)}:${mailto(input.organizer.email)}`,
    `ATTENDEE;CN=${icsParamValue(input.attendee.name)};ROLE=REQ-PARTICIPANT;RSVP=FALSE:${mailto(input.attendee.email)}`,
    `STATUS:${cancel ? "CANCELLED" : "CONFIRMED"}`,
    "TRANSP:OPAQUE",
    "CLASS:PRIVATE",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join(CRLF) + CRLF;
}

/** base64 of the UTF-8 bytes, without node's Buffer (this module also runs in the browser bundle's type check). */
function base64Utf8(text: string): string {
  const bytes = encoder.encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The email attachment for `enqueueEmail({ attachments })`. The content type carries the iTIP method, which is
 * what makes Outlook offer the invitation (and a CANCEL remove the event) rather than show a plain file.
 */
export function icsAttachment(ics: string, method: IcsMethod): { filename: string; contentType: string; content: string } {
  return {
    filename: method === "CANCEL" ? "cancel.ics" : "invite.ics",
    contentType: `text/calendar; charset=UTF-8; method=${method}`,
    content: base64Utf8(ics),
  };
}
