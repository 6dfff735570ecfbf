export { extract } from './extract.stage.ts';
export { findNumbers, parseChineseNumeral, parseArabic, type NumberToken } from './numbers.parse.ts';
