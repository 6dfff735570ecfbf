export { segment, type SegmentOptions } from './segment.stage.ts';
export { BUNDLED_RENAMES, renamedKey } from './meta/agency.renames.ts';
export { splitTokens, type Piece } from './tables/digits.split.ts';
export { findTables } from './tables/tables.find.ts';
export { classifySection } from './structure/section-kind.classify.ts';
