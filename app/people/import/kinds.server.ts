import type { Executor } from "../../../db/client.server";
import { DEPARTMENT_COLUMNS, departmentFromCells } from "./departments";
import { importDepartmentRows } from "./departments.server";
import { EMPLOYEE_COLUMNS, employeeFromCells } from "./employees";
import { importEmployeeRows } from "./employees.server";
import { PARTICIPATION_COLUMNS, participationFromCells } from "./participations";
import { importParticipationRows } from "./participations.server";
import type { ImportContext, ImportResult, SupportedImportKind } from "./types";

interface KindDefinition<Row> {
  columns: readonly string[];
  fromCells(cells: Record<string, string>): Row;
  importRows(db: Executor, rows: Row[], context: ImportContext): Promise<ImportResult>;
}

/** A kind with its row type hidden, so the CSV path can treat every kind alike. */
export interface ImportKindRunner {
  columns: readonly string[];
  importCells(db: Executor, cells: Record<string, string>[], context: ImportContext): Promise<ImportResult>;
}

function defineKind<Row>(definition: KindDefinition<Row>): ImportKindRunner {
  return {
    columns: definition.columns,
    importCells: (db, cells, context) => definition.importRows(db, cells.map(definition.fromCells), context),
  };
}

// A new kind is one more entry: its columns, a cells → row mapping and a row importer.
export const IMPORT_KINDS: Record<SupportedImportKind, ImportKindRunner> = {
  departments: defineKind({ columns: DEPARTMENT_COLUMNS, fromCells: departmentFromCells, importRows: importDepartmentRows }),
  employees: defineKind({ columns: EMPLOYEE_COLUMNS, fromCells: employeeFromCells, importRows: importEmployeeRows }),
  participations: defineKind({ columns: PARTICIPATION_COLUMNS, fromCells: participationFromCells, importRows: importParticipationRows }),
};

export function isSupportedImportKind(kind: string): kind is SupportedImportKind {
  return Object.prototype.hasOwnProperty.call(IMPORT_KINDS, kind);
}
