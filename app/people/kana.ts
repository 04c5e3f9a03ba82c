// Search folds ひらがな and カタカナ together: NFKC first (half-width ｶﾅ, full-width ＡＢＣ), then katakana → hiragana,
// then spaces out. The database keeps the same folding in employees.name_kana_search.
export function toHiragana(value: string): string {
  return value.replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60));
}

export function foldForSearch(value: string): string {
  return toHiragana(value.normalize("NFKC")).replace(/[\s\u3000]+/g, "");
}

export function isKana(value: string): boolean {
  return /^[\u3041-\u3096\u30a1-\u30fa\u30fc\s\u3000]+$/.test(value.normalize("NFKC"));
}
