import { useEffect, useState } from "react";

// 「印刷」: opens the browser's print dialog (the page has an A4 print layout). Shown once the page is hydrated —
// without JavaScript the browser's own print command does the same.
export function PrintButton({ label }: { label: string }) {
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="inline-flex items-center justify-center gap-1.5 rounded-md border border-slate-400 bg-white px-4 py-2 text-sm font-semibold text-slate-900 shadow-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 focus-visible:ring-offset-2 print:hidden"
      data-testid="print-button"
    >
      <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 9V2h12v7" />
        <path d="M6 18H4a2 2 0 0 1-2-2v-5a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v5a2 2 0 0 1-2 2h-2" />
        <path d="M6 14h12v8H6z" />
      </svg>
      {label}
    </button>
  );
}

/** A4 print layout for the report pages: no site header, menu or footer; small margins; colours kept. */
export function PrintStyles() {
  return (
    <style
      // Raw CSS: React would escape the selectors' ">" and quotes in text children.
      dangerouslySetInnerHTML={{
        __html: `@media print {
  @page { size: A4; margin: 12mm 10mm; }
  html, body { background: #fff !important; }
  body > div > header, body > div > footer, body > div > a[href="#main"] { display: none !important; }
  main#main { max-width: none !important; padding: 0 !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`,
      }}
    />
  );
}
