export { ocrDocument, ocrEngine, OCR_UNCERTAIN_BELOW } from './ocr.document.ts';
export { renderPageCrop, type CropOptions } from './page.crop.ts';
export { OcrInputError, OCR_INPUT_REASONS, type OcrInputReason } from './ocr.errors.ts';
export { TesseractEngine } from './tesseract.engine.ts';
export { sniffKind, type InputKind } from './page.source.ts';
export type { OcrEngine, OcrOptions, OcrWord, OcrPageInput } from './ocr.types.ts';
