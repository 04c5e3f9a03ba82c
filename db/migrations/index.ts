import type { Migration } from "kysely";
import * as foundation from "./2026-11-21_0001_foundation";
import * as postings from "./2026-11-21_0002_postings";
import * as contest from "./2026-11-21_0003_contest";
import * as consultations from "./2026-11-21_0004_consultations";
import * as reports from "./2026-11-21_0005_reports";
import * as benchIndexes from "./2026-11-21_0006_bench_indexes";
import * as reportDataVersion from "./2026-11-21_0007_report_data_version";
import * as rankingDataVersion from "./2026-11-21_0008_ranking_data_version";
import * as postingSearchText from "./2026-11-21_0009_posting_search_text";
import * as postingsOpenIndex from "./2026-11-21_0010_postings_open_index";
import * as postingSearchUnitNames from "./2026-11-21_0011_posting_search_unit_names";
import * as bookingLengthBound from "./2026-11-21_0012_booking_length_bound";
import * as bookingDataVersion from "./2026-11-22_0013_booking_data_version";
import * as postingsDataVersion from "./2026-11-22_0014_postings_data_version";
import * as applicationsDataVersion from "./2026-11-22_0015_applications_data_version";

// Listed explicitly so the same set runs under tsx, vitest and the bundled server. Names sort by date.
export const migrations: Record<string, Migration> = {
  "2026-11-21_0001_foundation": foundation,
  "2026-11-21_0002_postings": postings,
  "2026-11-21_0003_contest": contest,
  "2026-11-21_0004_consultations": consultations,
  "2026-11-21_0005_reports": reports,
  "2026-11-21_0006_bench_indexes": benchIndexes,
  "2026-11-21_0007_report_data_version": reportDataVersion,
  "2026-11-21_0008_ranking_data_version": rankingDataVersion,
  "2026-11-21_0009_posting_search_text": postingSearchText,
  "2026-11-21_0010_postings_open_index": postingsOpenIndex,
  "2026-11-21_0011_posting_search_unit_names": postingSearchUnitNames,
  "2026-11-21_0012_booking_length_bound": bookingLengthBound,
  "2026-11-22_0013_booking_data_version": bookingDataVersion,
  "2026-11-22_0014_postings_data_version": postingsDataVersion,
  "2026-11-22_0015_applications_data_version": applicationsDataVersion,
};
