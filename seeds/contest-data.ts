// Demo チャレンジコンテスト proposals. The 令和6年度 round reproduces DESIGN §2: 8 proposals (group ones among
// them), 3 正式採択 and 5 ステップアップ枠, 13 staff engaged of whom 9 work outside their own unit.

export interface ProposalSpec {
  title: string;
  background: string;
  proposal: string;
  effect: string;
  plan: string;
  budgetYen: number;
  sharePercent: number;
  /** team size including the lead */
  size: number;
  /** the project is hosted by the lead's own unit (its members then do not count as side work) */
  hostIsLeadUnit: boolean;
  /** how many members (besides the lead) come from the host unit itself */
  membersFromHost?: number;
  /** mean score the reviewers lean to (1–5) */
  quality: number;
}

export const FY2024_PROPOSALS: ProposalSpec[] = [
  { title: "県庁AIチャットボットによる問い合わせ対応の効率化", background: "県民からの定型的な問い合わせが各課に分散し、職員の対応時間が増えています。", proposal: "よくある質問を学習させたチャットボットを県ホームページに導入し、24時間の一次対応を行います。", effect: "県民は夜間や休日でもすぐに回答を得られ、職員は個別性の高い相談に時間を使えます。", plan: "8〜10月 FAQ整理、11〜12月 試行導入、1〜3月 効果検証と対象拡大。", budgetYen: 3_000_000, sharePercent: 20, size: 3, hostIsLeadUnit: false, membersFromHost: 1, quality: 4.6 },
  { title: "空き家を活用した移住体験住宅の整備", background: "移住希望者から「短期間暮らしてみたい」という声が多い一方、空き家は増え続けています。", proposal: "市町村と連携して空き家を改修し、1〜3か月滞在できる移住体験住宅として貸し出します。", effect: "移住前の不安を減らし、移住者の定着率向上と空き家の有効活用を同時に進めます。", plan: "上期 物件選定と改修設計、下期 改修と募集開始。", budgetYen: 8_000_000, sharePercent: 15, size: 2, hostIsLeadUnit: false, quality: 4.3 },
  { title: "データで見る富山の観光ダッシュボード", background: "観光関連データが各所に散在し、事業者が活用しにくい状況です。", proposal: "宿泊・人流・消費データを統合したダッシュボードを公開し、事業者の企画に役立てます。", effect: "観光事業者がデータに基づいて商品企画でき、県の施策評価も迅速になります。", plan: "8〜11月 データ整備、12〜2月 試作と事業者ヒアリング、3月 公開。", budgetYen: 2_500_000, sharePercent: 20, size: 2, hostIsLeadUnit: false, quality: 4.1 },
  { title: "職員の「学び直し」ランチ勉強会", background: "業務に役立つ知識を学ぶ機会が限られ、所属を越えた交流も少ない状況です。", proposal: "昼休みを活用し、職員が講師となる月2回の勉強会を開催します。", effect: "職員の能力開発と所属を越えたネットワークづくりにつながります。", plan: "8月 企画、9月以降 月2回開催、3月 振り返り。", budgetYen: 0, sharePercent: 5, size: 1, hostIsLeadUnit: true, quality: 3.6 },
  { title: "県産材を使った子ども向け木育キャラバン", background: "子どもが県産材に触れる機会が少なく、林業への関心が高まっていません。", proposal: "県産材の遊具と工作教室をセットにしたキャラバンで県内の保育所・小学校を巡回します。", effect: "子どもと保護者が森林の恵みを身近に感じ、県産材の需要拡大にもつながります。", plan: "8〜9月 教材制作、10〜2月 巡回（10か所）。", budgetYen: 1_800_000, sharePercent: 10, size: 2, hostIsLeadUnit: false, quality: 3.5 },
  { title: "窓口手続の「書かない」申請の試行", background: "窓口で同じ内容を何度も書く負担が県民から指摘されています。", proposal: "職員が聞き取りながら入力し、申請書を印刷して署名だけいただく方式を試行します。", effect: "県民の記入負担と記入誤りが減り、窓口の待ち時間も短くなります。", plan: "8〜10月 対象手続の選定、11〜3月 1窓口で試行。", budgetYen: 500_000, sharePercent: 10, size: 1, hostIsLeadUnit: true, quality: 3.4 },
  { title: "防災アプリで地域の避難訓練をゲーム化", background: "避難訓練への若い世代の参加が少ないことが課題です。", proposal: "スマートフォンのスタンプラリー形式で避難経路を歩く訓練を地域と企画します。", effect: "若い世代の防災意識を高め、地域の避難経路の課題も見える化できます。", plan: "9〜11月 2地区で試行、12〜3月 改善と横展開の検討。", budgetYen: 1_200_000, sharePercent: 10, size: 1, hostIsLeadUnit: true, quality: 3.3 },
  { title: "高校生と考える地域公共交通", background: "通学で公共交通を使う高校生の声が路線の見直しに届いていません。", proposal: "高校生ワークショップで路線やダイヤの改善案を出し合い、事業者と検討します。", effect: "利用者目線の改善と、将来の担い手となる若者の地域への関心を育てます。", plan: "9〜12月 ワークショップ3回、1〜3月 事業者との検討。", budgetYen: 600_000, sharePercent: 10, size: 1, hostIsLeadUnit: false, quality: 3.2 },
];

export const FY2025_PROPOSALS: ProposalSpec[] = [
  { title: "オンライン手続の「つまずき」分析", background: "電子申請の途中離脱が多い手続があります。", proposal: "アクセスログと問い合わせを分析し、離脱の多い画面を改善します。", effect: "オンライン完結率が上がり、窓口と電話の負担が減ります。", plan: "上期 分析、下期 改善と効果測定。", budgetYen: 1_000_000, sharePercent: 15, size: 2, hostIsLeadUnit: false, quality: 4.4 },
  { title: "県内企業と職員の副業マッチング調査", background: "地域企業のデジタル人材不足が深刻です。", proposal: "職員の兼業制度の活用可能性を企業ヒアリングで調査します。", effect: "地域企業の課題解決と職員の成長の両立を目指します。", plan: "上期 ヒアリング、下期 報告書。", budgetYen: 300_000, sharePercent: 10, size: 2, hostIsLeadUnit: false, quality: 4.0 },
  { title: "ウェルビーイング指標の見える化", background: "県民ウェルビーイングの指標が県民に伝わっていません。", proposal: "指標をわかりやすく示すウェブページを作成します。", effect: "県民の関心を高め、施策への参加を促します。", plan: "上期 設計、下期 公開。", budgetYen: 800_000, sharePercent: 10, size: 1, hostIsLeadUnit: true, quality: 3.7 },
  { title: "職員提案の「小さな改善」共有サイト", background: "各課の業務改善が共有されていません。", proposal: "改善事例を投稿・検索できる庁内サイトを作ります。", effect: "良い改善が横展開され、業務時間が削減されます。", plan: "上期 試作、下期 運用開始。", budgetYen: 0, sharePercent: 5, size: 1, hostIsLeadUnit: true, quality: 3.5 },
  { title: "駅前の空きスペースを使った県政PR", background: "県の取組が県民に届いていません。", proposal: "駅前の空きスペースで月替わりの展示を行います。", effect: "県政への理解と関心が高まります。", plan: "通年で月1回展示。", budgetYen: 1_500_000, sharePercent: 10, size: 1, hostIsLeadUnit: false, quality: 2.8 },
  { title: "庁舎の省エネ見える化", background: "庁舎のエネルギー使用量が把握しにくい状況です。", proposal: "フロアごとの電力使用量を表示します。", effect: "職員の省エネ行動を促します。", plan: "上期 計測機器設置、下期 表示開始。", budgetYen: 2_000_000, sharePercent: 5, size: 1, hostIsLeadUnit: false, quality: 2.6 },
];

/** Proposals of the current year's rounds (one in review, one still taking proposals). */
export const CURRENT_PROPOSALS: ProposalSpec[] = [
  { title: "生成AIを活用した議事録作成の効率化", background: "会議録の作成に多くの時間がかかっています。", proposal: "音声認識と生成AIで議事録の下書きを作る仕組みを試行します。", effect: "職員の作業時間を削減し、会議の記録を早く共有できます。", plan: "1〜3月 試行、翌年度 展開。", budgetYen: 1_000_000, sharePercent: 15, size: 2, hostIsLeadUnit: false, quality: 4.2 },
  { title: "若手職員による県内企業訪問プログラム", background: "若手職員が地域の産業を知る機会が少ない状況です。", proposal: "若手職員が県内企業を訪問し、課題を聞き取るプログラムを作ります。", effect: "現場感覚を持った政策立案につながります。", plan: "1〜3月 試行5社。", budgetYen: 200_000, sharePercent: 10, size: 3, hostIsLeadUnit: false, quality: 3.9 },
  { title: "県民参加型の河川ごみマップ", background: "河川ごみの発生場所が把握できていません。", proposal: "県民がスマートフォンで投稿できるごみマップを作ります。", effect: "清掃活動が効率化し、発生抑制策の検討に役立ちます。", plan: "1〜3月 試作と試行。", budgetYen: 700_000, sharePercent: 10, size: 1, hostIsLeadUnit: false, quality: 3.6 },
  { title: "子育て職員のための庁内サポーター制度", background: "子育て中の職員が相談できる相手が少ない状況です。", proposal: "経験者がサポーターとなり、気軽に相談できる仕組みを作ります。", effect: "両立の不安を減らし、働き続けやすい職場になります。", plan: "1〜3月 募集と試行。", budgetYen: 0, sharePercent: 5, size: 2, hostIsLeadUnit: true, quality: 3.8 },
  { title: "観光地の多言語案内をQRコードで", background: "外国人観光客向けの案内が不足しています。", proposal: "観光地の案内板にQRコードを付け、多言語の解説を表示します。", effect: "外国人観光客の満足度が上がります。", plan: "翌年度 5か所で試行。", budgetYen: 900_000, sharePercent: 10, size: 1, hostIsLeadUnit: false, quality: 3.4 },
];
