import type { Executor } from "../../db/client.server";
import type { ParticipationScheme } from "../../db/schema";
import { todayInTokyo } from "../i18n/format";
import type { ReportScope } from "./participation.server";
import { listCountingParticipants, type ParticipantCategory } from "./participants.server";

/** One counting participation record with who and what, for the participant list's exports. */
export interface CountedParticipantRow {
  employeeId: number;
  employeeNo: string;
  name: string;
  nameKana: string;
  /** the employee's own unit */
  departmentName: string;
  scheme: ParticipationScheme;
  /** false only for a job challenge: side_job, and contest_project in another unit, are 庁内複業 */
  sideWork: boolean;
  title: string;
  hostDepartmentName: string;
  /** 'YYYY-MM-DD' */
  startOn: string;
  endOn: string | null;
}

const SCHEME_OF: Record<ParticipantCategory, ParticipationScheme> = {
  side_job_posting: "side_job",
  side_job_contest: "contest_project",
  job_challenge: "job_challenge",
};

/**
 * The records behind `participants` (実人数) for the exports: the dashboard's participant list
 * (listCountingParticipants — one query on countingRecords, the same rows and order) in the exports' terms.
 */
export async function listCountedParticipants(db: Executor, scope: ReportScope, today = todayInTokyo()): Promise<CountedParticipantRow[]> {
  const rows = await listCountingParticipants(db, scope, today);
  return rows.map((r) => ({
    employeeId: r.employeeId,
    employeeNo: r.employeeNo,
    name: r.name,
    nameKana: r.nameKana,
    departmentName: r.departmentName,
    scheme: SCHEME_OF[r.category],
    sideWork: r.category !== "job_challenge",
    title: r.title,
    hostDepartmentName: r.hostDepartmentName,
    startOn: r.startOn,
    endOn: r.endOn,
  }));
}
