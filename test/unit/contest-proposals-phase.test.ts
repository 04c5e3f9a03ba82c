import { describe, expect, it } from "vitest";
import { areResultsPublished, isBeforeCallClose, isCallOpen, roundPhase, type PhaseRound } from "~/contest/phase";
import { dateOrderProblems, DEFAULT_RUBRIC, sameRubric } from "~/contest/round-model";

// The FY2024 contest: call March–May, review June–July, results end of July.
const round: PhaseRound = {
  call_opens_on: "2024-03-01",
  call_closes_on: "2024-05-31",
  review_opens_on: "2024-06-03",
  review_closes_on: "2024-07-19",
  results_published_at: null,
};

describe("roundPhase", () => {
  it.each([
    ["2024-02-29", "before_call"],
    ["2024-03-01", "call"],
    ["2024-04-15", "call"],
    ["2024-05-31", "call"],
    ["2024-06-01", "between"],
    ["2024-06-02", "between"],
    ["2024-06-03", "review"],
    ["2024-07-19", "review"],
    ["2024-07-20", "awaiting_results"],
    ["2025-01-01", "awaiting_results"],
  ])("%s → %s", (today, phase) => {
    expect(roundPhase(round, today)).toBe(phase);
  });

  it("is published once results_published_at is set, whatever the date", () => {
    expect(roundPhase({ ...round, results_published_at: new Date("2024-07-31T01:00:00Z") }, "2024-08-01")).toBe("published");
    expect(roundPhase({ ...round, results_published_at: "2024-07-31T01:00:00Z" }, "2024-04-01")).toBe("published");
  });

  it("a call that closes on the day the review opens is still 'call' that day (no 'between')", () => {
    const tight = { ...round, review_opens_on: "2024-05-31" };
    expect(roundPhase(tight, "2024-05-31")).toBe("call");
    expect(roundPhase(tight, "2024-06-01")).toBe("review");
  });

  it("call helpers agree with the phase", () => {
    expect(isCallOpen(round, "2024-02-29")).toBe(false);
    expect(isCallOpen(round, "2024-03-01")).toBe(true);
    expect(isCallOpen(round, "2024-05-31")).toBe(true);
    expect(isCallOpen(round, "2024-06-01")).toBe(false);
    expect(isBeforeCallClose(round, "2024-02-01")).toBe(true);
    expect(isBeforeCallClose(round, "2024-06-01")).toBe(false);
    expect(areResultsPublished(round)).toBe(false);
    expect(areResultsPublished({ results_published_at: new Date() })).toBe(true);
  });
});

describe("round dates and rubric", () => {
  const dates = {
    callOpensOn: "2024-03-01",
    callClosesOn: "2024-05-31",
    reviewOpensOn: "2024-06-03",
    reviewClosesOn: "2024-07-19",
    resultsOn: "2024-07-31",
    projectStartOn: "2024-08-01",
  };

  it("accepts dates in order, equal neighbours included", () => {
    expect(dateOrderProblems(dates)).toEqual([]);
    expect(dateOrderProblems({ ...dates, reviewOpensOn: "2024-05-31", reviewClosesOn: "2024-05-31", resultsOn: "2024-05-31", projectStartOn: "2024-05-31" })).toEqual([]);
  });

  it("names each date that comes before its predecessor, once", () => {
    expect(dateOrderProblems({ ...dates, callClosesOn: "2024-02-01" })).toEqual([["callClosesOn", "callOpensOn"]]);
    expect(dateOrderProblems({ ...dates, resultsOn: "2024-07-01", projectStartOn: "2024-06-30" })).toEqual([
      ["resultsOn", "reviewClosesOn"],
      ["projectStartOn", "resultsOn"],
    ]);
    // Missing dates are the single-field rules' business.
    expect(dateOrderProblems({ callOpensOn: "2024-03-01", reviewOpensOn: "2024-01-01" })).toEqual([]);
  });

  it("the default rubric: 新規性, 県民への効果, 実現可能性, 発展性, 熱意 — weight 1, scale 1–5", () => {
    expect(DEFAULT_RUBRIC.map((c) => `${c.nameJa}/${c.nameEn}/${c.weight}/${c.scaleMin}-${c.scaleMax}`)).toEqual([
      "新規性/Novelty/1/1-5",
      "県民への効果/Impact on residents/1/1-5",
      "実現可能性/Feasibility/1/1-5",
      "発展性/Scalability/1/1-5",
      "熱意/Commitment/1/1-5",
    ]);
  });

  it("sameRubric compares every field in order, weights as numbers", () => {
    const a = DEFAULT_RUBRIC.map((c) => ({ ...c }));
    expect(sameRubric(a, DEFAULT_RUBRIC)).toBe(true);
    expect(sameRubric(a, [...DEFAULT_RUBRIC].reverse())).toBe(false);
    expect(sameRubric(a, a.slice(1))).toBe(false);
    expect(
      sameRubric(
        a,
        a.map((c, i) => (i === 2 ? { ...c, weight: 1.5 } : c)),
      ),
    ).toBe(false);
    expect(
      sameRubric(
        a,
        a.map((c, i) => (i === 0 ? { ...c, scaleMax: 10 } : c)),
      ),
    ).toBe(false);
    expect(
      sameRubric(
        a,
        a.map((c, i) => (i === 4 ? { ...c, description: "" } : c)),
      ),
    ).toBe(false);
  });
});
