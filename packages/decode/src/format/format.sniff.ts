import { BadInputError, type Format } from '@gongkai/core';

/** File signatures of binary formats that are never a text document. */
const SIGNATURES: Array<{ magic: number[]; offset?: number; what: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { magic: [0x49, 0x49, 0x2a, 0x00], what: 'a TIFF image' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], what: 'a TIFF image' },
  { magic: [0x52, 0x49, 0x46, 0x46], what: 'a RIFF media file (WebP/WAV/AVI)' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'a legacy Microsoft Office file (.doc/.xls/.ppt)' },
  { magic: [0x1f, 0x8b], what: 'a gzip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21], what: 'a RAR archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], what: 'a 7-Zip archive' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], what: 'an executable (ELF)' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF document' },
  { magic: [0x66, 0x74, 0x79, 0x70], offset: 4, what: 'an MP4/MOV video' },
];

/** Extensions we decline by name, with what they are. */
const UNSUPPORTED: Record<string, string> = {
  doc: 'a legacy Word document (.doc); save it as .docx',
  wps: 'a WPS document (.wps); save it as .docx',
  rtf: 'an RTF document',
  xls: 'an Excel spreadsheet (.xls)',
  xlsx: 'an Excel spreadsheet (.xlsx)',
  et: 'a WPS spreadsheet (.et)',
  csv: 'a CSV table',
  ppt: 'a PowerPoint file (.ppt)',
  pptx: 'a PowerPoint file (.pptx)',
  odt: 'an OpenDocument text (.odt)',
  ofd: 'an OFD document (.ofd)',
  gif: 'an image (.gif)',
  bmp: 'an image (.bmp)',
  webp: 'an image (.webp)',
  zip: 'a ZIP archive',
  rar: 'a RAR archive',
  '7z': 'a 7-Zip archive',
  gz: 'a gzip archive',
  exe: 'an executable',
  mp4: 'a video',
  mp3: 'an audio file',
};

/** Page images the ocr stage reads (by content; the extension only names what a damaged one should have been). */
const IMAGES: Array<{ magic: number[]; exts: string[]; what: string }> = [
  { magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], exts: ['png'], what: 'PNG' },
  { magic: [0xff, 0xd8, 0xff], exts: ['jpg', 'jpeg'], what: 'JPEG' },
  { magic: [0x49, 0x49, 0x2a, 0x00], exts: ['tif', 'tiff'], what: 'TIFF' },
  { magic: [0x4d, 0x4d, 0x00, 0x2a], exts: ['tif', 'tiff'], what: 'TIFF' },
];

const HTML_EXTENSIONS = new Set(['html', 'htm', 'shtml', 'xhtml', 'jsp', 'asp', 'aspx', 'php']);

const SUPPORTED_LIST = '.txt (or no extension), .html/.htm/.shtml, .pdf, .docx, and scans as .png/.jpg/.tif';

function startsWith(bytes: Uint8Array, magic: number[], offset = 0): boolean {
  return magic.every((b, i) => bytes[offset + i] === b);
}

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** True when a ZIP archive holds a Word document body (word/document.xml appears in its entry names). */
function isDocxZip(bytes: Uint8Array): boolean {
  const names = new TextDecoder('latin1').decode(bytes.length > 4_000_000 ? bytes.subarray(0, 4_000_000) : bytes);
  return names.includes('word/document.xml') || (names.includes('[Content_Types].xml') && names.includes('word/'));
}

/** Index of the first byte that is not ASCII whitespace or part of a UTF-8/UTF-16 BOM. */
function firstVisibleByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && i < 1024) {
    const b = bytes[i] ?? 0;
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf || b === 0xff || b === 0xfe || b === 0) i++;
    else break;
  }
  return i;
}

function looksLikeHtml(bytes: Uint8Array): boolean {
  // cheap gate: markup starts with "<"
  if (bytes[firstVisibleByte(bytes)] !== 0x3c) return false;
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 65_536)).replace(/\0/g, '').toLowerCase();
  return /^[\s\ufeffï»¿þÿ]*(?:<!doctype html|<html|<head|<meta|<!--)/.test(head) && /<(?:html|body|p|div|table)[\s>]/.test(head);
}

/** True when "%PDF-" occurs in the first 1 KB (some files carry junk before the header). */
function hasPdfHeader(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) - 4;
  for (let i = bytes.indexOf(0x25); i !== -1 && i < n; i = bytes.indexOf(0x25, i + 1)) {
    if (bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

/**
 * Decides the format from the content first (a PDF or DOCX keeps working
 * under any name) and the extension second. Binary content under a text
 * name is BINARY_FILE; a type we do not read is UNSUPPORTED_TYPE. A PNG,
 * JPEG or TIFF is `image`: decode hands it to the ocr stage.
 */
export function sniffFormat(bytes: Uint8Array, name: string): Format {
  const ext = extensionOf(name);
  if (hasPdfHeader(bytes)) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    if (isDocxZip(bytes)) return 'docx';
    const unsupported = UNSUPPORTED[ext];
    if (unsupported) throw new BadInputError('UNSUPPORTED_TYPE', `${name} is ${unsupported}, which is not supported; supported types: ${SUPPORTED_LIST}`);
    throw new BadInputError('BINARY_FILE', `${name} is a ZIP archive (not a Word .docx document), not a text document`);
  }
  // a scan named as an image (or not named at all): read by the ocr stage; under a text name it stays BINARY_FILE below
  const image = IMAGES.find((i) => i.exts.includes(ext));
  if ((image || ext === '') && IMAGES.some((i) => startsWith(bytes, i.magic))) return 'image';
  if (image) throw new BadInputError('CORRUPT_FILE', `${name} is named .${ext} but has no ${image.what} signature: the file is damaged or not an image`);
  if (ext === 'pdf') throw new BadInputError('CORRUPT_FILE', `${name} is named .pdf but has no PDF header (%PDF-): the file is damaged or not a PDF`);
  if (ext === 'docx') throw new BadInputError('CORRUPT_FILE', `${name} is named .docx but is not a ZIP package: the file is damaged or not a Word document`);
  const unsupported = UNSUPPORTED[ext];
  if (unsupported) throw new BadInputError('UNSUPPORTED_TYPE', `${name} is ${unsupported}, which is not supported; supported types: ${SUPPORTED_LIST}`);
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.magic, s.offset));
  if (signature) throw new BadInputError('BINARY_FILE', `${name} is ${signature.what}, not a text document`);
  if (HTML_EXTENSIONS.has(ext)) return 'html';
  // .txt, no extension, or anything else that is not binary: the content decides.
  return looksLikeHtml(bytes) ? 'html' : 'txt';
}
