import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../seeds/demo-accounts";
import { baseUrl, launchBrowser, newPage, screenshot, signIn } from "../helpers/browser";

const hr = DEMO_ACCOUNTS.find((a) => a.role === "hr_admin")!;
const employee = DEMO_ACCOUNTS.find((a) => a.role === "employee")!;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("foundation journeys in Chromium", () => {
  it("HR signs in, searches the directory by kana, opens an employee and signs out", async () => {
    const page = await newPage(browser);
    // nothing the browser asks for on its own (an icon) or that a page loads answers 4xx/5xx
    const failed: string[] = [];
    page.on("response", (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    await signIn(page, hr.employeeNo);
    await page.getByRole("heading", { level: 1, name: new RegExp(hr.name) }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(failed).toEqual([]);
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toMatch(/^data:image\/svg\+xml,/);
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "職員名簿" }).click();
    await page.waitForURL("**/hr/directory");
    // The demo employee's kana, typed in hiragana although it is stored in katakana.
    const hiragana = employee.nameKana.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60)).replace(/\s/g, "");
    await page.getByLabel("キーワード").fill(hiragana);
    await page.getByRole("button", { name: "検索" }).click();
    await page.waitForURL(/q=/);
    const link = page.getByRole("link", { name: employee.name });
    await link.first().waitFor();
    await screenshot(page, "directory-search");
    await link.first().click();
    await page.waitForURL(/\/hr\/employees\/\d+/);
    await page.getByRole("heading", { level: 1, name: employee.name }).waitFor();
    await expect(page.locator("main").textContent()).resolves.toContain(employee.employeeNo);
    await screenshot(page, "employee-page");
    await page.getByLabel("ユーザーメニュー").click();
    await page.getByRole("button", { name: "サインアウト" }).click();
    await page.waitForURL(/\/login\?signedOut=1/);
    await page.getByRole("status").filter({ hasText: "サインアウトしました" }).waitFor();
    // signed out for real: HR pages now ask to sign in
    await page.goto(`${baseUrl()}/hr/directory`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await page.close();
  });

  it("a failed sign-in shows the message beside the form and keeps the identifier", async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl()}/login`);
    await expect(page.getByRole("heading", { name: "デモ用アカウント" }).count()).resolves.toBe(1);
    await page.getByLabel("職員番号またはメールアドレス").fill(employee.employeeNo);
    await page.getByLabel(/^パスワード/).fill("wrong-password");
    await page.getByRole("button", { name: "サインイン" }).click();
    const alert = page.locator("form [role=alert]");
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain("パスワードが正しくありません");
    await expect(page.getByLabel("職員番号またはメールアドレス").inputValue()).resolves.toBe(employee.employeeNo);
    await expect(page.getByLabel(/^パスワード/).inputValue()).resolves.toBe("");
    await screenshot(page, "login-failed");
    await page.close();
  });

  it("an employee is refused HR pages with the 403 page in the app's layout", async () => {
    const page = await newPage(browser);
    await signIn(page, employee.employeeNo);
    const response = await page.goto(`${baseUrl()}/hr/directory`);
    expect(response?.status()).toBe(403);
    await page.getByRole("heading", { level: 1, name: "アクセスできません" }).waitFor();
    const missing = await page.goto(`${baseUrl()}/no/such/page`);
    expect(missing?.status()).toBe(404);
    await page.getByRole("heading", { level: 1, name: "ページが見つかりません" }).waitFor();
    // switch language; the choice is remembered on the account
    await page.goto(`${baseUrl()}/`);
    await page.getByLabel("言語").selectOption("en");
    await page.getByRole("button", { name: "切替" }).click();
    await page.getByRole("link", { name: "Staff Challenge Portal" }).waitFor();
    await page.getByRole("heading", { level: 1, name: /^Welcome/ }).waitFor();
    // …and back, so the other journeys (which read Japanese labels) find the account as they expect it.
    await page.getByLabel("Language").selectOption("ja");
    await page.getByRole("button", { name: "Switch" }).click();
    await page.getByRole("link", { name: "職員チャレンジポータル" }).waitFor();
    await page.close();
  });

  it("refuses a cross-site form POST with 403", async () => {
    const res = await fetch(`${baseUrl()}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
      body: new URLSearchParams({ identifier: hr.employeeNo, password: "demo-pass-2026" }),
      redirect: "manual",
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("answers /healthz with a database round trip", async () => {
    const res = await fetch(`${baseUrl()}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});
