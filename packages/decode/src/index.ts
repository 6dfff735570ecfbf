export { decode, warmDecode, DEFAULT_MAX_BYTES, type DecodeOptions } from './decode.stage.ts';
export { originalOffset } from './text/tracked-text.ts';
export { amendWithOcr } from './ocr/ocr.amend.ts';
export { decodePages, type LaidOutPage, type PagesDecoded, type PlacedBox, type Segment, type TextBox } from './pdf/pages.decode.ts';
export { clusterRulePositions, ruleComponents } from './pdf/pdf-table.grid.ts';
