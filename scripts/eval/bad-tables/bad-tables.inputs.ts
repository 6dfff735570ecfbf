/**
 * Hostile tables for the stages (issue 13): ragged rows, 10,000 columns, a
 * 1 MB digit run, cells of binary junk, each inside an otherwise ordinary
 * table-era report, written as an HTML page, a Markdown conversion and
 * plain text.
 */

export const BAD_TABLES = ['ragged rows', '10,000 columns', '1 MB digit run', 'binary junk cells', 'mojibake cells'] as const;
export type BadTable = (typeof BAD_TABLES)[number];
export const BAD_FORMATS = ['html', 'markdown', 'text'] as const;
export type BadFormat = (typeof BAD_FORMATS)[number];

const T3_HEAD = ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'];

/** `n` characters drawn from `pool` by a fixed linear congruential sequence: the same input every run. */
function drawn(pool: readonly string[], n: number, seed: number): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += pool[x % pool.length];
  }
  return out;
}

/** A deterministic string of junk: C0 controls (no NUL), DEL, U+FFFD, private-use and unpaired-looking characters, stray markup. */
function junk(n: number, seed: number): string {
  return drawn(['\u0001', '\u0007', '\u001b', '\u007f', '\ufffd', '\ue000', '\uf8ff', '\u200b', '\u202e', 'Ã', '¤', '\u0300', '<', '&', '|', '\t', '9', '零'], n, seed);
}

/** Text a wrong decoding leaves in cells (Latin-1 read of UTF-8, stray marks and markup): decodable, but no figure. */
function mojibake(n: number, seed: number): string {
  return drawn(['Ã', '¤', 'å', '¹', '´', '\u0300', '<', '&', '|', '#', '9', '零', '—', '·'], n, seed);
}

/** The table's rows (cells as text) for each hostile case. */
function rows(kind: BadTable, digits = 1_000_000): string[][] {
  switch (kind) {
    case 'ragged rows':
      return [
        T3_HEAD,
        ['一、本年新收政府信息公开申请数量', '3', '1'],
        ['二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'],
        ['（一）予以公开'],
        ['2', '0', '0', '0', '0', '2'],
        ['（七）总计', '3', '1', '0', '0', '0', '0', '4', '9', '9'],
        [],
        ['四、结转下年度继续办理', '', '', '0'],
      ];
    case '10,000 columns':
      return [T3_HEAD, ['一、本年新收政府信息公开申请数量', ...Array.from({ length: 10_000 }, (_, i) => String(i % 10))]];
    case '1 MB digit run':
      return [T3_HEAD, ['一、本年新收政府信息公开申请数量', '1234567890'.repeat(Math.ceil(digits / 10)).slice(0, digits)], ['四、结转下年度继续办理', '0', '0', '0', '0', '0', '0', '0']];
    case 'mojibake cells':
      return [
        T3_HEAD,
        ['一、本年新收政府信息公开申请数量', ...Array.from({ length: 7 }, (_, c) => mojibake(6, c + 1))],
        ['二、上年结转政府信息公开申请数量', '0', '0', '0', '0', '0', '0', '0'],
      ];
    case 'binary junk cells':
      return [T3_HEAD, ...['一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '（七）总计'].map((l, r) => [l, ...Array.from({ length: 7 }, (_, c) => junk(12, r * 7 + c + 1))])];
  }
}

const PROSE_BEFORE = [
  '某某局2022年度政府信息公开工作年度报告',
  '一、总体情况',
  '本机关认真贯彻落实政府信息公开工作要求，持续推进决策、执行、管理、服务、结果公开。',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
];
const PROSE_AFTER = ['四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '公开内容不够全面。', '六、其他需要报告的事项', '无。'];

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** One hostile file; `digits` sets the length of the '1 MB digit run' (a million by default) for timing its growth. */
export function badTableFile(kind: BadTable, format: BadFormat, digits?: number): { bytes: Uint8Array; name: string } {
  const table = rows(kind, digits);
  let text: string;
  if (format === 'html') {
    const tr = table.map((r) => `<tr>${r.map((c) => `<td><p><span>${esc(c)}</span></p></td>`).join('')}</tr>`).join('\n');
    text = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${PROSE_BEFORE[0]}</title></head><body><div class="article">\n${PROSE_BEFORE.map((p) => `<p>${esc(p)}</p>`).join('\n')}\n<table border="1">${tr}</table>\n${PROSE_AFTER.map((p) => `<p>${esc(p)}</p>`).join('\n')}\n</div></body></html>\n`;
  } else if (format === 'markdown') {
    const md = table.map((r) => `| ${r.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`);
    md.splice(1, 0, `| ${T3_HEAD.map(() => '---').join(' | ')} |`);
    text = `# ${PROSE_BEFORE[0]}\n\n${PROSE_BEFORE.slice(1).join('\n\n')}\n\n${md.join('\n')}\n\n${PROSE_AFTER.join('\n\n')}\n`;
  } else {
    text = `${PROSE_BEFORE.join('\n')}\n${table.map((r) => r.join(' ')).join('\n')}\n${PROSE_AFTER.join('\n')}\n`;
  }
  const ext = format === 'html' ? 'html' : format === 'markdown' ? 'md' : 'txt';
  return { bytes: new Uint8Array(Buffer.from(text, 'utf8')), name: `bad-${kind.replace(/[^a-z0-9]+/giu, '-')}.${ext}` };
}
