import type { ReactNode } from "react";

// Detail-page building blocks shared across areas (applications, consultations, counselling).

/** Label–value pairs; rows whose value is null are skipped. */
export function Facts({ rows }: { rows: Array<[ReactNode, ReactNode]> }) {
  return (
    <dl className="grid grid-cols-[minmax(5rem,auto)_1fr] gap-x-5 gap-y-2 text-sm">
      {rows
        .filter(([, value]) => value !== null && value !== undefined && value !== "")
        .map(([label, value], index) => (
          <div key={index} className="contents">
            <dt className="whitespace-nowrap font-medium text-slate-600">{label}</dt>
            <dd className="break-words text-slate-900">{value}</dd>
          </div>
        ))}
    </dl>
  );
}

/** Text written by a person (motivation, reasons), with its line breaks. */
export function Prose({ children }: { children: ReactNode }) {
  return <div className="whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 text-sm leading-7 text-slate-900">{children}</div>;
}
