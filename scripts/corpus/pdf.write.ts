/**
 * A minimal PDF writer with a real text layer for CJK text, built offline:
 * one Type0 font (Identity-H, no embedded glyphs) whose ToUnicode CMap maps
 * each character's CID back to Unicode, which is what text extraction reads.
 * Runs are placed at absolute positions; table cells are separate runs with
 * wide gaps between them, as PDF tables come out of word processors.
 */
import { deflateSync } from 'node:zlib';

export interface Run {
  x: number;
  /** Baseline, from the top of the page (points). */
  y: number;
  size: number;
  str: string;
}

export const PAGE = { width: 595, height: 842 } as const;

/** Width of `str` at `size` in this font: ASCII half an em, everything else one em. */
export function textWidth(str: string, size: number): number {
  let w = 0;
  for (const ch of str) w += (ch.codePointAt(0) ?? 0) < 128 ? 0.5 : 1;
  return w * size;
}

function utf16Hex(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) out += ch.charCodeAt(i).toString(16).padStart(4, '0');
  return out.toUpperCase();
}

/**
 * `graphics[i]`: raw content-stream operators drawn on page i before its text
 * (ruling lines of a table, e.g. `0.5 w 40 700 m 555 700 l S`), in PDF user space.
 */
export function writePdf(pages: ReadonlyArray<readonly Run[]>, opts: { noText?: boolean; graphics?: ReadonlyArray<string> } = {}): Uint8Array {
  const cids = new Map<string, number>();
  const cidOf = (ch: string) => {
    let c = cids.get(ch);
    if (c === undefined) cids.set(ch, (c = cids.size + 1));
    return c;
  };
  const contents = pages.map((runs, i) =>
    (opts.graphics?.[i] ? `${opts.graphics[i]}\n` : '') +
    runs
      .map((r) => {
        const hex = [...r.str].map((ch) => cidOf(ch).toString(16).padStart(4, '0')).join('');
        return `BT /F1 ${r.size} Tf 1 0 0 1 ${r.x.toFixed(1)} ${(PAGE.height - r.y).toFixed(1)} Tm <${hex}> Tj ET`;
      })
      .join('\n'),
  );
  const objects: Array<string | Buffer> = [];
  const add = (o: string | Buffer) => objects.push(o) ;
  // 1 catalog, 2 pages, 3 font, 4 descendant, 5 descriptor, 6 tounicode, then page/content pairs
  add('<< /Type /Catalog /Pages 2 0 R >>');
  const pageIds = pages.map((_, i) => 7 + i * 2);
  add(`<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`);
  add('<< /Type /Font /Subtype /Type0 /BaseFont /GongkaiSans /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>');
  const ascii = [...cids].filter(([ch]) => (ch.codePointAt(0) ?? 0) < 128).map(([, c]) => `${c} [500]`).join(' ');
  add(`<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GongkaiSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 5 0 R /DW 1000 /W [${ascii}] /CIDToGIDMap /Identity >>`);
  add('<< /Type /FontDescriptor /FontName /GongkaiSans /Flags 4 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>');
  const entries = opts.noText ? [] : [...cids];
  let cmap = '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    cmap += `${chunk.length} beginbfchar\n${chunk.map(([ch, c]) => `<${c.toString(16).padStart(4, '0')}> <${utf16Hex(ch)}>`).join('\n')}\nendbfchar\n`;
  }
  cmap += 'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend';
  add(stream(Buffer.from(cmap, 'latin1')));
  contents.forEach((c, i) => {
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Contents ${pageIds[i]! + 1} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
    add(stream(Buffer.from(c, 'latin1')));
  });
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let len = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(len);
    const b = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(b);
    len += b.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${len}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

function stream(data: Buffer): Buffer {
  const z = deflateSync(data);
  return Buffer.concat([Buffer.from(`<< /Length ${z.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'), z, Buffer.from('\nendstream', 'latin1')]);
}
