import { describe, expect, it } from "vitest";
import {
  addDays,
  applyCheck,
  exceedsSideJobCap,
  formatShare,
  isDeadlineSoon,
  monthRange,
  parseSkills,
  placesLeft,
  postingPhase,
  shareOfStandardTime,
  sideJobCapHours,
  STANDARD_MONTHLY_HOURS,
  type ApplyCheckPosting,
  type ApplyCheckViewer,
} from "~/postings/model";
import { keywordTerms } from "~/postings/browse.server";

const base = { apply_from: "2026-12-01", apply_until: "2026-12-20", period_start: "2027-01-01", period_end: "2027-03-31" };

describe("posting phase", () => {
  it("passes stored statuses through before publication and at the end", () => {
    for (const status of ["draft", "pending_approval", "returned", "completed", "cancelled"] as const) {
      expect(postingPhase({ ...base, status }, "2026-12-10")).toBe(status);
    }
  });

  it("a published posting is 公開予定 before its window, open inside it (both ends included), closed after", () => {
    const p = { ...base, status: "published" as const };
    expect(postingPhase(p, "2026-11-30")).toBe("scheduled");
    expect(postingPhase(p, "2026-12-01")).toBe("open");
    expect(postingPhase(p, "2026-12-20")).toBe("open");
    expect(postingPhase(p, "2026-12-21")).toBe("closed");
  });

  it("closed or published postings inside their period are running (実施中), and closed again after it", () => {
    expect(postingPhase({ ...base, status: "closed" }, "2026-12-25")).toBe("closed");
    expect(postingPhase({ ...base, status: "closed" }, "2027-01-01")).toBe("running");
    expect(postingPhase({ ...base, status: "closed" }, "2027-03-31")).toBe("running");
    expect(postingPhase({ ...base, status: "published" }, "2027-02-01")).toBe("running");
    expect(postingPhase({ ...base, status: "closed" }, "2027-04-01")).toBe("closed");
  });

  it("an open window wins over a period that has already started (applicants can still apply)", () => {
    const rolling = { status: "published" as const, apply_from: "2026-12-01", apply_until: "2027-01-31", period_start: "2026-12-15", period_end: "2027-03-31" };
    expect(postingPhase(rolling, "2027-01-10")).toBe("open");
    expect(postingPhase(rolling, "2027-02-01")).toBe("running");
  });
});

describe("time commitment", () => {
  it("is a share of the standard 38h45m week: hours ÷ (38.75 × 52 ÷ 12)", () => {
    expect(STANDARD_MONTHLY_HOURS).toBeCloseTo(167.9167, 4);
    expect(shareOfStandardTime(STANDARD_MONTHLY_HOURS)).toBeCloseTo(100, 10);
    expect(formatShare(10)).toBe("6.0");
    expect(formatShare(33.6)).toBe("20.0");
    expect(formatShare(0.5)).toBe("0.3");
    expect(formatShare(160)).toBe("95.3");
  });

  it("the side-job cap is 20% = 33.6 h a month by default; only side jobs above it are flagged", () => {
    expect(sideJobCapHours()).toBe(33.6);
    expect(sideJobCapHours(25)).toBe(42);
    expect(exceedsSideJobCap("side_job", 33.6)).toBe(false);
    expect(exceedsSideJobCap("side_job", 33.7)).toBe(true);
    expect(exceedsSideJobCap("job_challenge", 120)).toBe(false);
    expect(exceedsSideJobCap("side_job", 40, 25)).toBe(false);
  });
});

describe("skills and keywords", () => {
  it("splits on 、 and commas (full- and half-width), normalises, trims and drops duplicates", () => {
    expect(parseSkills("観光、データ分析, Excel，ＤＸ ,  excel、 、")).toEqual(["観光", "データ分析", "Excel", "DX"]);
    expect(parseSkills("")).toEqual([]);
    expect(parseSkills(undefined)).toEqual([]);
  });

  it("keyword terms split on half- and full-width spaces", () => {
    expect(keywordTerms("観光　ＤＸ  振興")).toEqual(["観光", "DX", "振興"]);
    expect(keywordTerms("  ")).toEqual([]);
  });
});

describe("dates", () => {
  it("deadline soon = open and closing within 7 days", () => {
    const p = { apply_from: "2026-12-01", apply_until: "2026-12-20" };
    expect(isDeadlineSoon(p, "2026-12-12")).toBe(false);
    expect(isDeadlineSoon(p, "2026-12-13")).toBe(true);
    expect(isDeadlineSoon(p, "2026-12-20")).toBe(true);
    expect(isDeadlineSoon(p, "2026-12-21")).toBe(false);
    expect(isDeadlineSoon({ apply_from: "2026-12-18", apply_until: "2026-12-20" }, "2026-12-15")).toBe(false);
  });

  it("month ranges and day arithmetic handle month ends and leap years", () => {
    expect(monthRange("2027-02")).toEqual({ first: "2027-02-01", last: "2027-02-28" });
    expect(monthRange("2028-02")).toEqual({ first: "2028-02-01", last: "2028-02-29" });
    expect(monthRange("2026-12")).toEqual({ first: "2026-12-01", last: "2026-12-31" });
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("places left never goes below zero", () => {
    expect(placesLeft({ capacity: 3, filled: 1 })).toBe(2);
    expect(placesLeft({ capacity: 3, filled: 3 })).toBe(0);
  });
});

describe("who may apply", () => {
  const posting: ApplyCheckPosting = {
    ...base,
    status: "published",
    capacity: 2,
    filled: 0,
    max_grade: "課長補佐",
    max_grade_rank: 5,
    employment_types: ["regular", "reappointed"],
  };
  const viewer: ApplyCheckViewer = { gradeRank: 3, employmentType: "regular", myApplicationId: null };
  const today = "2026-12-10";

  it("an eligible employee may apply to an open posting with places left", () => {
    expect(applyCheck(posting, viewer, today)).toEqual({ canApply: true });
    expect(applyCheck(posting, { ...viewer, gradeRank: 5 }, today)).toEqual({ canApply: true });
    expect(applyCheck({ ...posting, max_grade: null, max_grade_rank: null }, { ...viewer, gradeRank: 10 }, today)).toEqual({ canApply: true });
  });

  it("gives the reason otherwise: own application first, then state, places, grade, employment type", () => {
    const reason = (p: Partial<ApplyCheckPosting>, v: Partial<typeof viewer> = {}, day = today) => {
      const result = applyCheck({ ...posting, ...p }, { ...viewer, ...v }, day);
      return result.canApply ? null : result.reason;
    };
    expect(reason({}, { myApplicationId: 7 })).toBe("applied");
    expect(reason({ status: "closed" }, { myApplicationId: 7 })).toBe("applied");
    expect(reason({}, {}, "2026-11-30")).toBe("not_yet_open");
    expect(reason({}, {}, "2026-12-21")).toBe("closed");
    expect(reason({ status: "closed" })).toBe("closed");
    expect(reason({ status: "draft" })).toBe("not_published");
    expect(reason({ status: "cancelled" })).toBe("cancelled");
    expect(reason({ filled: 2 })).toBe("full");
    expect(reason({}, { gradeRank: 6 })).toBe("grade");
    expect(reason({}, { employmentType: "part_time" })).toBe("employment_type");
  });
});

describe("copy", () => {
  it("every Japanese message has an English one and vice versa, and every derived key exists", async () => {
    const { postingsMessages } = await import("~/postings/messages");
    const ja = Object.keys(postingsMessages.ja).sort();
    expect(Object.keys(postingsMessages.en).sort()).toEqual(ja);
    const model = await import("~/postings/model");
    const derived = [
      ...model.SCHEMES.map((s) => `postings.scheme.${s}`),
      ...model.WORK_STYLES.map((w) => `postings.workStyle.${w}`),
      ...model.SELECTION_METHODS.map((s) => `postings.selection.${s}`),
      ...model.EMPLOYMENT_TYPES.map((e) => `postings.employmentType.${e}`),
      ...["draft", "pending_approval", "returned", "scheduled", "open", "closed", "running", "completed", "cancelled"].map((p) => `postings.phase.${p}`),
      ...["applied", "not_published", "not_yet_open", "closed", "cancelled", "completed", "full", "grade", "employment_type"].map((r) => `postings.detail.reason.${r}`),
      ...["state_changed", "apply_from_past", "window_passed", "not_started"].map((c) => `postings.conflict.${c}`),
      ...["created", "saved", "submitted", "closed", "completed", "cancelled", "approved", "returned"].map((n) => `postings.notice.${n}`),
      ...["create", "update", "submit", "approve", "return", "close", "complete", "cancel", "auto_close", "auto_complete"].map((a) => `postings.audit.posting.${a}`),
      ...["pending_approval", "published", "returned", "all"].map((tab) => `postings.hr.tab.${tab}`),
    ];
    expect(derived.filter((key) => !ja.includes(key))).toEqual([]);
  });
});
