// The demo accounts: one per role, fixed and memorable. Plain data with no server imports, because the sign-in
// page (demo mode), `npm start` and the README list them. seeds/directory.ts places these people in the
// generated prefecture; seeds/seed-directory.server.ts gives them their roles and this password.

export const DEMO_PASSWORD = "demo-pass-2026";

export type DemoRole = "employee" | "supervisor" | "posting_manager" | "hr_admin" | "contest_admin" | "reviewer" | "counselor";

export interface DemoAccount {
  role: DemoRole;
  employeeNo: string;
  email: string;
  name: string;
  nameKana: string;
  /** the 所属 the person belongs to (unit names are unique in the demo directory) */
  unitName: string;
}

export const DEMO_ACCOUNTS: ReadonlyArray<DemoAccount> = [
  // 職員: a 主事 whose consent requests go to the head of 観光振興課 — the supervisor account below.
  { role: "employee", employeeNo: "900001", email: "shokuin@pref.toyama.example", name: "中川 さくら", nameKana: "ナカガワ サクラ", unitName: "観光振興課" },
  // 所属長: 観光振興課長.
  { role: "supervisor", employeeNo: "900002", email: "shozokucho@pref.toyama.example", name: "高畑 誠", nameKana: "タカハタ マコト", unitName: "観光振興課" },
  // 募集担当: a 主任 of デジタル化推進室, scoped to that unit.
  { role: "posting_manager", employeeNo: "900003", email: "boshu@pref.toyama.example", name: "松井 健太", nameKana: "マツイ ケンタ", unitName: "デジタル化推進室" },
  // 人事課: a 係長 of 人事課.
  { role: "hr_admin", employeeNo: "900004", email: "jinji@pref.toyama.example", name: "吉田 直美", nameKana: "ヨシダ ナオミ", unitName: "人事課" },
  // 行政経営室: the 主幹 who runs the challenge contest.
  { role: "contest_admin", employeeNo: "900005", email: "contest@pref.toyama.example", name: "清水 浩二", nameKana: "シミズ コウジ", unitName: "行政経営室" },
  // 審査員: a 副主幹 of 企画調整室.
  { role: "reviewer", employeeNo: "900006", email: "shinsa@pref.toyama.example", name: "米田 裕子", nameKana: "ヨネダ ユウコ", unitName: "企画調整室" },
  // キャリア相談員: a 副主幹 of 人事課.
  { role: "counselor", employeeNo: "900007", email: "soudan@pref.toyama.example", name: "酒井 恵", nameKana: "サカイ メグミ", unitName: "人事課" },
];
