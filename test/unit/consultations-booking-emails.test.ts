import { describe, expect, it } from "vitest";
import { renderEmail } from "../../emails/render.server";
import { consultationBookingEmails } from "../../emails/consultations/booking";

// 2026-11-24T15:30Z is 00:30 on Wednesday 11-25 in Tokyo: a time that lands on a different date in UTC, the classic
// wrong-time-zone email (Easy!Appointments #985, #1234).
const startsAt = new Date("2026-11-24T15:30:00Z");
const endsAt = new Date("2026-11-24T16:20:00Z");
const session = { startsAt, endsAt, counselorName: "酒井 恵", mode: "in_person" as const, room: "県庁本館4階 キャリア相談室", meetingUrl: null };

describe("booking emails", () => {
  it("are registered under consultation-booking-*", () => {
    expect(Object.keys(consultationBookingEmails).sort()).toEqual([
      "consultation-booking-cancelled",
      "consultation-booking-confirmed",
      "consultation-booking-counselor-notice",
      "consultation-booking-moved",
      "consultation-booking-reminder",
    ]);
  });

  it("confirmation: fixed subject, the session in Japan time (not UTC), the room, the change deadline", async () => {
    const email = await renderEmail("consultation-booking-confirmed", { ...session, employeeName: "中川 さくら", changeUntil: new Date("2026-11-24T08:00:00Z"), url: "https://portal.example.jp/consultations/7" });
    expect(email.subject).toBe("【職員チャレンジポータル】キャリア相談のご予約");
    expect(email.text).toContain("2026年11月25日（水）00:30〜01:20（日本時間）");
    expect(email.text).not.toContain("15:30");
    expect(email.text).toContain("県庁本館4階 キャリア相談室");
    expect(email.text).toContain("2026年11月24日（火）17:00（日本時間）");
    expect(email.text).toContain("https://portal.example.jp/consultations/7");
  });

  it("online sessions show the meeting link in the email", async () => {
    const email = await renderEmail("consultation-booking-confirmed", { ...session, mode: "online", room: null, meetingUrl: "https://meet.example.jp/x", employeeName: "中川 さくら", changeUntil: startsAt, url: "https://portal.example.jp/consultations/7" });
    expect(email.text).toContain("オンライン：https://meet.example.jp/x");
  });

  it("the counsellor's notice names the employee but its subject is fixed", async () => {
    const email = await renderEmail("consultation-booking-counselor-notice", { ...session, recipientName: "酒井 恵", employeeName: "中川 さくら", employeeUnit: "観光振興課", url: "https://portal.example.jp/counselor" });
    expect(email.subject).toBe("【職員チャレンジポータル】キャリア相談の予約が入りました");
    expect(email.text).toContain("中川 さくら（観光振興課）");
    expect(email.text).toContain("相談の分野と相談者からのメモは、ポータルの相談員ページでのみ確認できます");
  });

  it("move shows the old and the new time; cancellation says who cancelled and why", async () => {
    const moved = await renderEmail("consultation-booking-moved", {
      ...session,
      audience: "counselor",
      recipientName: "酒井 恵",
      employeeName: "中川 さくら",
      previousStartsAt: new Date("2026-11-24T01:00:00Z"),
      previousEndsAt: new Date("2026-11-24T01:50:00Z"),
      url: "https://portal.example.jp/counselor",
    });
    expect(moved.subject).toBe("【職員チャレンジポータル】キャリア相談の日時が変更されました");
    expect(moved.text).toContain("中川 さくらさんが、キャリア相談の日時を次のとおり変更しました。");
    expect(moved.text).toContain("2026年11月24日（火）10:00〜10:50（日本時間）");
    expect(moved.text).toContain("2026年11月25日（水）00:30〜01:20（日本時間）");

    const cancelled = await renderEmail("consultation-booking-cancelled", {
      audience: "employee",
      cancelledBy: "counselor",
      recipientName: "中川 さくら",
      employeeName: "中川 さくら",
      counselorName: "酒井 恵",
      startsAt,
      endsAt,
      reason: "研修講師の日程と重なったため",
      url: "https://portal.example.jp/consultations",
    });
    expect(cancelled.subject).toBe("【職員チャレンジポータル】キャリア相談の予約が取り消されました");
    expect(cancelled.text).toContain("相談員の 酒井 恵 が、次のキャリア相談の予約を取り消しました。");
    expect(cancelled.text).toContain("研修講師の日程と重なったため");
  });

  it("reminder in English states Japan time", async () => {
    const email = await renderEmail(
      "consultation-booking-reminder",
      { ...session, employeeName: "Sakura Nakagawa", counselorEmail: "soudan@pref.toyama.example", changeUntil: null, url: "https://portal.example.jp/consultations/7" },
      "en",
    );
    expect(email.subject).toBe("[Staff Challenge Portal] Reminder: your career consultation");
    expect(email.text).toContain("Wed 25 Nov 2026, 00:30–01:20 (Japan time)");
    expect(email.text).toContain("soudan@pref.toyama.example");
  });
});
