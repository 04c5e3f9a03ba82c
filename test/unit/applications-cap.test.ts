import { describe, expect, it } from "vitest";
import { capHoursPerMonth, checkSideJobCap, shareOfStandardTime, standardMonthlyHours, STANDARD_MONTHLY_HOURS, weeklyEquivalent } from "~/applications/cap";

describe("side-job cap arithmetic", () => {
  it("standard monthly time is 38.75 h × 52 ÷ 12 = 167.9 h", () => {
    expect(STANDARD_MONTHLY_HOURS).toBeCloseTo(167.9167, 4);
    expect(standardMonthlyHours()).toBe(167.9);
  });

  it("20% is 33.6 h a month; other percentages round to 0.1 h", () => {
    expect(capHoursPerMonth(20)).toBe(33.6);
    expect(capHoursPerMonth(10)).toBe(16.8);
    expect(capHoursPerMonth(25)).toBe(42);
    expect(capHoursPerMonth(1)).toBe(1.7);
    expect(capHoursPerMonth(50)).toBe(84);
  });

  it("allows exactly the cap and refuses 0.1 h more", () => {
    expect(checkSideJobCap({ capPercent: 20, committedHours: [20], requestedHours: 13.6 })).toMatchObject({ allowed: true, totalHours: 33.6, remainingHours: 13.6 });
    expect(checkSideJobCap({ capPercent: 20, committedHours: [20], requestedHours: 13.7 })).toMatchObject({ allowed: false, totalHours: 33.7 });
  });

  it("adds in tenths, so decimals never drift (0.1 + 0.2 …)", () => {
    const check = checkSideJobCap({ capPercent: 20, committedHours: ["0.1", "0.2", "16.5"], requestedHours: "16.8" });
    expect(check.committedHours).toBe(16.8);
    expect(check.totalHours).toBe(33.6);
    expect(check.allowed).toBe(true);
  });

  it("refuses a single posting above the cap even with nothing else", () => {
    expect(checkSideJobCap({ capPercent: 20, committedHours: [], requestedHours: 40 })).toMatchObject({ allowed: false, remainingHours: 33.6 });
    expect(checkSideJobCap({ capPercent: 30, committedHours: [], requestedHours: 40 }).allowed).toBe(true);
  });

  it("never reports negative remaining hours", () => {
    expect(checkSideJobCap({ capPercent: 20, committedHours: [30, 10], requestedHours: 1 }).remainingHours).toBe(0);
  });

  it("shows hours as a share of standard time and per week", () => {
    expect(shareOfStandardTime(33.6)).toBe(20);
    expect(shareOfStandardTime(16)).toBe(9.5);
    expect(weeklyEquivalent(16)).toBe(3.7);
  });
});
