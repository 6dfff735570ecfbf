export { segment } from './segment.stage.ts';
export { splitTokens, type Piece } from './tables/digits.split.ts';
export { findTables } from './tables/tables.find.ts';
export { classifySection } from './structure/section-kind.classify.ts';
