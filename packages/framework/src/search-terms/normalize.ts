/**
 * The one normal form both the index and the user's text go through: full-width forms folded
 * (NFKC), lower case, and everything but letters and digits dropped. So "Nansha District",
 * "nansha district" and "nanshadistrict" match alike, as do "广州 市" and "广州市".
 */
export function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
