import { chromium, type Browser, type Page } from "playwright-core";
import { inject } from "vitest";

export const baseUrl = () => inject("baseUrl");

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-gpu"],
  });
}

export async function newPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  page.setDefaultTimeout(15_000);
  return page;
}

export async function signIn(page: Page, identifier: string, password = "demo-pass-2026") {
  await page.goto(`${baseUrl()}/login`);
  await page.getByLabel("職員番号またはメールアドレス").fill(identifier);
  await page.getByLabel(/^パスワード/).fill(password);
  await page.getByRole("button", { name: "サインイン" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/${name}.png`, fullPage: true });
}

/** A page with cookies of its own, signed in as the demo account — as each person works on their own PC. */
export async function signedInPage(browser: Browser, who: { employeeNo: string }): Promise<Page> {
  const context = await browser.newContext({ locale: "ja-JP", timezoneId: "Asia/Tokyo" });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await signIn(page, who.employeeNo);
  return page;
}
