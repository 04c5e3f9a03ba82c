import type { Scheme, WorkStyle } from "../db/schema";

// Demo postings: real-sounding work from real-sounding units. Dates are placed by seed-postings.server.ts.

export interface PostingSpec {
  scheme: Scheme;
  unit: string;
  title: string;
  summary: string;
  workContent: string;
  skills: string[];
  hoursPerMonth: number;
  capacity: number;
  workStyle: WorkStyle;
  place: string;
  selectionMethod: "documents" | "interview";
  /** how many applicants are accepted (≤ capacity) */
  accepted: number;
  /** extra applicants who end otherwise: not selected / consent declined */
  notSelected?: number;
  declined?: number;
}

const place = "県庁本館";

export const SIDE_JOB_SPECS: PostingSpec[] = [
  { scheme: "side_job", unit: "観光振興課", title: "インバウンド向けSNS発信の企画", summary: "海外からの旅行者に向けて、富山の魅力をSNSで発信する企画を観光振興課と一緒に考えます。", workContent: "投稿テーマの企画、写真・動画素材の選定、英語での投稿文案の作成、反応の分析を担当します。", skills: ["観光", "SNS運用", "英語"], hoursPerMonth: 16, capacity: 3, workStyle: "hybrid", place, selectionMethod: "interview", accepted: 3, notSelected: 1 },
  { scheme: "side_job", unit: "デジタル化推進室", title: "定型業務のRPA化支援", summary: "各所属の定型業務をRPAで自動化するため、業務の洗い出しとシナリオ作成を支援します。", workContent: "業務ヒアリング、RPAシナリオの作成とテスト、操作手順書の作成を行います。", skills: ["DX", "RPA", "業務改善"], hoursPerMonth: 12, capacity: 3, workStyle: "remote", place: "", selectionMethod: "documents", accepted: 3, declined: 1 },
  { scheme: "side_job", unit: "防災・危機管理課", title: "総合防災訓練の企画・運営支援", summary: "市町村と連携した総合防災訓練の企画と当日の運営を担う職員を募集します。", workContent: "訓練シナリオの作成、関係機関との調整、当日の進行管理と振り返りの取りまとめを行います。", skills: ["防災", "調整力"], hoursPerMonth: 8, capacity: 2, workStyle: "onsite", place, selectionMethod: "interview", accepted: 2 },
  { scheme: "side_job", unit: "移住・定住促進課", title: "移住相談会の運営と情報発信", summary: "首都圏での移住相談会の運営と、オンライン相談の対応を担います。", workContent: "相談会の準備・運営、先輩移住者インタビュー記事の作成、オンライン相談の補助を行います。", skills: ["移住・定住", "広報", "ライティング"], hoursPerMonth: 10, capacity: 3, workStyle: "hybrid", place, selectionMethod: "documents", accepted: 3, notSelected: 1 },
  { scheme: "side_job", unit: "子育て支援課", title: "子育て応援アプリの改善提案", summary: "子育て世帯向けアプリの利用者調査を行い、改善策を提案します。", workContent: "利用者アンケートの設計・分析、改善案の取りまとめ、事業者との打合せへの同席を担当します。", skills: ["子育て支援", "UXリサーチ", "データ分析"], hoursPerMonth: 12, capacity: 2, workStyle: "remote", place: "", selectionMethod: "interview", accepted: 2 },
];

export const JOB_CHALLENGE_SPECS: PostingSpec[] = [
  { scheme: "job_challenge", unit: "成長戦略室", title: "成長戦略「ウェルビーイング」の推進", summary: "県の成長戦略の柱であるウェルビーイングの推進プロジェクトに参加します。", workContent: "県民ウェルビーイング調査の分析、施策のロジックモデル作成、関係課との調整を行います。", skills: ["政策立案", "データ分析"], hoursPerMonth: 30, capacity: 3, workStyle: "onsite", place, selectionMethod: "interview", accepted: 3, notSelected: 1 },
  { scheme: "job_challenge", unit: "スタートアップ支援課", title: "スタートアップ支援プログラムの運営", summary: "県内スタートアップの成長を後押しする支援プログラムの運営を担います。", workContent: "支援先企業との面談、メンターとのマッチング、成果発表会の企画を行います。", skills: ["産業振興", "企画", "ファシリテーション"], hoursPerMonth: 30, capacity: 3, workStyle: "hybrid", place, selectionMethod: "interview", accepted: 3 },
  { scheme: "job_challenge", unit: "市場戦略推進課", title: "県産農産物のブランド化", summary: "富山県産農産物のブランド化と販路拡大のプロジェクトに参加します。", workContent: "市場調査、商談会の企画、ブランドコンセプトの検討を担当します。", skills: ["農業", "マーケティング"], hoursPerMonth: 25, capacity: 2, workStyle: "onsite", place, selectionMethod: "documents", accepted: 2, declined: 1 },
  { scheme: "job_challenge", unit: "地域交通・新幹線政策課", title: "地域交通の再編検討", summary: "人口減少に対応した地域交通の再編案を、市町村と一緒に検討します。", workContent: "利用実態データの分析、住民説明会資料の作成、交通事業者との協議への参加を行います。", skills: ["交通政策", "データ分析", "合意形成"], hoursPerMonth: 30, capacity: 3, workStyle: "hybrid", place, selectionMethod: "interview", accepted: 3 },
  { scheme: "job_challenge", unit: "文化振興課", title: "文化イベントの企画・運営", summary: "県民が文化芸術に親しむイベントを企画し、運営します。", workContent: "出演者・会場との調整、広報計画の作成、当日運営と来場者アンケートの分析を行います。", skills: ["文化", "イベント企画"], hoursPerMonth: 20, capacity: 2, workStyle: "onsite", place, selectionMethod: "documents", accepted: 2 },
];

/** Postings open for applications today (dates relative to the seed's today). */
export const OPEN_SPECS: PostingSpec[] = [
  { scheme: "side_job", unit: "デジタル化推進室", title: "行政手続オンライン化の推進（電子申請フォームの作成）", summary: "県の行政手続をオンラインで完結できるよう、申請フォームの作成と業務フローの見直しを一緒に進める職員を募集します。", workContent: "電子申請フォームの設計・作成、紙の様式の見直し、利用者向け操作案内の作成を担当します。", skills: ["DX", "業務改善", "Excel"], hoursPerMonth: 12, capacity: 2, workStyle: "remote", place: "", selectionMethod: "documents", accepted: 0 },
  { scheme: "side_job", unit: "観光振興課", title: "観光振興プロモーション企画（SNS・動画発信）", summary: "富山の観光地の魅力をSNSや動画で発信する企画を、観光振興課の職員と一緒に考えます。", workContent: "SNS投稿の企画・撮影補助・効果測定を担当します。", skills: ["観光", "SNS運用", "動画編集"], hoursPerMonth: 16, capacity: 2, workStyle: "hybrid", place, selectionMethod: "interview", accepted: 0 },
  { scheme: "side_job", unit: "防災・危機管理課", title: "地域防災訓練の企画・運営", summary: "市町村と連携した地域防災訓練の企画と当日の運営を担う職員を募集します。", workContent: "訓練計画の作成、参加機関との調整、当日の進行補助を行います。", skills: ["防災", "調整力"], hoursPerMonth: 8, capacity: 2, workStyle: "onsite", place, selectionMethod: "interview", accepted: 0 },
  { scheme: "side_job", unit: "移住・定住促進課", title: "移住体験ツアーの企画", summary: "県外在住者向けの移住体験ツアーを企画し、受入れ地域と調整します。", workContent: "ツアー行程の企画、受入れ先との調整、参加者アンケートの分析を行います。", skills: ["移住・定住", "企画"], hoursPerMonth: 10, capacity: 3, workStyle: "hybrid", place, selectionMethod: "documents", accepted: 0 },
  { scheme: "job_challenge", unit: "子育て支援課", title: "子育て支援アプリの改善プロジェクト", summary: "子育て世帯向けアプリの利用者調査と改善提案を行うプロジェクトです。", workContent: "利用者インタビュー、改善案の作成、事業者との仕様調整を担当します。", skills: ["子育て支援", "UXリサーチ", "DX"], hoursPerMonth: 40, capacity: 2, workStyle: "hybrid", place, selectionMethod: "interview", accepted: 0 },
  { scheme: "job_challenge", unit: "カーボンニュートラル推進課", title: "脱炭素ロードマップの策定支援", summary: "2050年カーボンニュートラルに向けた県の行動計画づくりに参加します。", workContent: "排出量データの整理、先進事例の調査、事業者向け説明資料の作成を行います。", skills: ["環境", "データ分析", "政策立案"], hoursPerMonth: 30, capacity: 2, workStyle: "onsite", place, selectionMethod: "interview", accepted: 0 },
];
