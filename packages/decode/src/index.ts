export { decode, warmDecode, DEFAULT_MAX_BYTES, type DecodeOptions } from './decode.stage.ts';
export { originalOffset } from './text/tracked-text.ts';
