import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDb } from "../../db/client.server";
import { addDays } from "~/postings/model";
import { todayInTokyo } from "~/i18n/format";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { baseUrl, launchBrowser, screenshot, signedInPage } from "../helpers/browser";

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const employee = account("employee");
const counselor = account("counselor");
const hr = account("hr_admin");

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const as = (who: { employeeNo: string }) => signedInPage(browser, who);

/** The Monday of the week after next, in Asia/Tokyo: well past any change cutoff. */
function mondayInTwoWeeks(): string {
  const today = todayInTokyo();
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, ((8 - weekday) % 7 || 7) + 7);
}

describe("キャリア相談室: book, move, note, cancel — and HR sees counts only, in Chromium", () => {
  it("an employee books, sees it, moves it; the counsellor reads it and writes a note; the employee cancels; HR sees aggregates", async () => {
    const db = createDb(inject("e2eDatabaseUrl"), { max: 2 });
    const counselorId = (await db.selectFrom("employees").select("id").where("employee_no", "=", counselor.employeeNo).executeTakeFirstOrThrow()).id;
    await db.destroy();
    const note = `異動の希望について整理したいです ${Date.now().toString(36).slice(-4)}`;

    // 1. Book the counsellor's first free slot the week after next.
    const me = await as(employee);
    await me.goto(`${baseUrl()}/consultations/book?c=${counselorId}&week=${mondayInTwoWeeks()}`);
    await me.locator('a[href*="slot="]').first().click();
    await me.waitForURL(/slot=/);
    await me.getByRole("radio", { name: /^オンライン/ }).check();
    await me.getByRole("radio", { name: "異動・配置" }).check();
    await me.getByLabel(/^相談員へのメモ/).fill(note);
    await screenshot(me, "consultation-1-form");
    await me.getByRole("button", { name: "この内容で予約する" }).click();
    await me.waitForURL(/\/consultations\/\d+(\?|$)/);
    await me.getByText("予約を受け付けました").waitFor();
    const bookingId = Number(/\/consultations\/(\d+)/.exec(me.url())![1]);

    // 2. It is listed under my bookings.
    await me.goto(`${baseUrl()}/consultations`);
    await me.locator(`a[href="/consultations/${bookingId}"]`).first().waitFor();

    // 3. Move it to another free time of the same counsellor.
    await me.goto(`${baseUrl()}/consultations/${bookingId}`);
    await me.getByRole("link", { name: "変更先の日時を選ぶ" }).click();
    await me.locator('a[href*="to="]').nth(1).click();
    await me.getByRole("button", { name: "この日時に変更する" }).click();
    await me.getByText("日時を変更しました").waitFor();
    await screenshot(me, "consultation-3-moved");

    // 4. The counsellor sees the session, reads the employee's note and writes a private note.
    const room = await as(counselor);
    await room.goto(`${baseUrl()}/counselor`);
    await room.locator(`a[href="/counselor/sessions/${bookingId}"]`).first().click();
    await room.getByText(note).waitFor();
    await room.getByLabel(/^メモ/).fill("異動希望調書の書き方を次回確認する。");
    await room.getByRole("button", { name: "メモを追加する" }).click();
    await room.getByText("異動希望調書の書き方を次回確認する。").first().waitFor();
    await screenshot(room, "consultation-4-counselor");

    // 5. The employee cancels.
    await me.goto(`${baseUrl()}/consultations/${bookingId}`);
    await me.getByTestId("cancel-open").click();
    await me.getByRole("button", { name: "取り消す", exact: true }).click();
    await me.getByText("予約を取り消しました").waitFor();

    // 6. HR's page shows only counts: no name, no note, no individual booking.
    const office = await as(hr);
    await office.goto(`${baseUrl()}/hr/consultations`);
    await office.getByRole("heading", { level: 1 }).waitFor();
    const text = (await office.locator("main").textContent()) ?? "";
    expect(text).not.toContain(employee.name);
    expect(text).not.toContain(note);
    await screenshot(office, "consultation-6-hr");
    // HR cannot open the booking at all.
    const denied = await office.goto(`${baseUrl()}/counselor/sessions/${bookingId}`);
    expect([403, 404]).toContain(denied?.status());
    const other = await office.goto(`${baseUrl()}/consultations/${bookingId}`);
    expect(other?.status()).toBe(404);
  });
});
