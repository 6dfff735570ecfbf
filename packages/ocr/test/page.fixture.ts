/**
 * Synthetic report pages drawn at test time (nothing committed): Chinese text
 * and a small ruled 表二-like table set in WenQuanYi Micro Hei (installed by
 * scripts/setup.mjs) through SVG, rendered by sharp. `damaged` adds what real
 * scans have: a red seal over the table's corner, a 2° lean, a grey background.
 */
import sharp from 'sharp';

export const PAGE_DPI = 200;
export const PAGE = { width: 1400, height: 1000 };
export const TABLE = {
  header: ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
  rows: [['规章', '12', '0', '35'], ['行政规范性文件', '41', '7', '268']],
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function pageSvg(): Buffer {
  const font = 'font-family="WenQuanYi Micro Hei" font-size="30"';
  const lines = ['一、总体情况', '本机关全年主动公开政府信息1234条，其中规范性文件41件。', '二、主动公开政府信息情况'];
  const text = lines.map((l, i) => `<text x="100" y="${110 + i * 60}" ${font}>${esc(l)}</text>`).join('\n');
  const x = [100, 420, 680, 940, 1200];
  const y = [330, 400, 470, 540];
  const rules = [
    ...y.map((yy) => `<line x1="${x[0]}" y1="${yy}" x2="${x[4]}" y2="${yy}" stroke="black" stroke-width="3"/>`),
    ...x.map((xx) => `<line x1="${xx}" y1="${y[0]}" x2="${xx}" y2="${y[3]}" stroke="black" stroke-width="3"/>`),
  ].join('\n');
  const cells = [TABLE.header, ...TABLE.rows].flatMap((row, r) =>
    row.map((c, k) => `<text x="${((x[k] ?? 0) + (x[k + 1] ?? 0)) / 2}" y="${(y[r] ?? 0) + 47}" text-anchor="middle" ${font}>${esc(c)}</text>`),
  ).join('\n');
  const foot = `<text x="700" y="960" text-anchor="middle" ${font}>- 1 -</text>`;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="${PAGE.height}"><rect width="100%" height="100%" fill="white"/>${text}${rules}${cells}${foot}</svg>`);
}

const SEAL = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="260" height="260">
<circle cx="130" cy="130" r="118" fill="none" stroke="#e02020" stroke-width="9"/>
<polygon points="130,70 144,112 188,112 152,138 166,180 130,154 94,180 108,138 72,112 116,112" fill="#e02020"/>
<text x="130" y="222" text-anchor="middle" font-family="WenQuanYi Micro Hei" font-size="26" fill="#e02020">政务公开专用章</text></svg>`);

/** The page as an image in `format`; `damaged`: seal over the table's top-left corner, 2° lean, grey background. */
export async function pageImage(format: 'png' | 'jpeg' | 'tiff', damaged = false): Promise<Buffer> {
  let img = sharp(pageSvg(), { density: 72 }).flatten({ background: '#ffffff' });
  if (damaged) {
    const sealed = await img.composite([{ input: SEAL, left: 20, top: 230, blend: 'multiply' }]).png().toBuffer();
    const leaned = await sharp(sealed).rotate(2, { background: '#ffffff' }).png().toBuffer();
    img = sharp(leaned).linear(0.78, 0);
  }
  const withDpi = img.withMetadata({ density: PAGE_DPI });
  if (format === 'jpeg') return withDpi.jpeg({ quality: 60 }).toBuffer();
  if (format === 'tiff') return withDpi.tiff({ compression: 'lzw' }).toBuffer();
  return withDpi.png().toBuffer();
}

/**
 * A ruled 表三-like table: a tall narrow merged cell whose label is set one
 * character under another (办理结果), row labels, and number cells.
 */
export const VERTICAL_TABLE = {
  label: '办理结果',
  rows: [['予以公开', '311', '905'], ['部分公开', '2776', '48'], ['不予公开', '17', '6']],
};

export async function verticalTablePage(): Promise<Buffer> {
  const font = 'font-family="WenQuanYi Micro Hei" font-size="30"';
  const x = [100, 170, 520, 800, 1080];
  const y = [100, 180, 260, 340];
  const rules = [
    ...y.map((yy) => `<line x1="${x[0]}" y1="${yy}" x2="${x[4]}" y2="${yy}" stroke="black" stroke-width="3"/>`),
    ...x.map((xx) => `<line x1="${xx}" y1="${y[0]}" x2="${xx}" y2="${y[3]}" stroke="black" stroke-width="3"/>`),
  ].join('\n').replace(/<line x1="100" y1="(180|260)"[^>]*\/>/g, (m) => m.replace('x1="100"', 'x1="170"'));
  const vertical = [...VERTICAL_TABLE.label].map((ch, i) => `<text x="135" y="${140 + i * 52}" text-anchor="middle" ${font}>${ch}</text>`).join('\n');
  const cells = VERTICAL_TABLE.rows.flatMap((row, r) =>
    row.map((c, k) => `<text x="${((x[k + 1] ?? 0) + (x[k + 2] ?? 0)) / 2}" y="${(y[r] ?? 0) + 52}" text-anchor="middle" ${font}>${esc(c)}</text>`),
  ).join('\n');
  const title = `<text x="100" y="60" ${font}>三、收到和处理政府信息公开申请情况</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${PAGE.width}" height="500"><rect width="100%" height="100%" fill="white"/>${title}${rules}${vertical}${cells}</svg>`;
  return sharp(Buffer.from(svg), { density: 72 }).flatten({ background: '#ffffff' }).withMetadata({ density: PAGE_DPI }).png().toBuffer();
}
