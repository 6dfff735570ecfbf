import { BadInputError } from '@gongkai/core';
import { parseDocument } from 'htmlparser2';
import mammoth from 'mammoth';
import type { Extracted } from '../decode.stage.ts';
import { limitHtmlNesting } from '../html/html-depth.limit.ts';
import { HtmlTextWriter } from '../html/html-text.walk.ts';
import { originIndex, remapGrid } from '../grid/grids.place.ts';
import { untracked } from '../text/tracked-text.ts';
import { checkZipBounds } from './zip.bounds.ts';

/** Images are not text: mammoth gets an empty <img> instead of a base64 copy of each picture. */
const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

/**
 * DOCX → paragraphs and tables, through mammoth's HTML (which keeps table
 * structure) and the same text writer as HTML pages. The "original" of a
 * DOCX is this extracted text: offsets point into it.
 */
export async function extractDocx(bytes: Uint8Array, name: string): Promise<Extracted> {
  let html: string;
  checkZipBounds(bytes, name);
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const result = await mammoth.convertToHtml({ buffer }, { convertImage: noImages, externalFileAccess: false });
    html = result.value;
  } catch (cause) {
    throw new BadInputError('CORRUPT_FILE', `${name} is not a readable Word document (.docx): ${(cause as Error).message}`, { cause });
  }
  const doc = parseDocument(limitHtmlNesting(html), { withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const writer = new HtmlTextWriter(html.length, 'docx');
  doc.children.forEach((c) => writer.write(c));
  const written = writer.result();
  const text = written.text;
  // mammoth keeps w:gridSpan as colspan and w:vMerge as rowspan; the grids move from its HTML into the extracted text
  const at = originIndex(written);
  const grids = writer.grids.map((g) => remapGrid(g, at));
  return { original: text, text: untracked(text), encoding: 'binary', confidence: 1, meta: {}, warnings: writer.refused, grids };
}
