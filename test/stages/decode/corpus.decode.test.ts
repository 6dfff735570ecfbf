import type { DecodeResult } from '@gongkai/core';
import { openingFiles, readShared, realNonReportFiles, realReportFiles, SHARED_SKIP_REASON, sharedAvailable } from '@gongkai/testkit';
import { describe, expect, it } from 'vitest';
import { decode } from '../../../packages/decode/src/decode.stage.ts';

const files = sharedAvailable ? realReportFiles() : [];
const openings = sharedAvailable ? openingFiles() : [];
const nonReports = sharedAvailable ? realNonReportFiles() : [];
const results = new Map<string, Promise<DecodeResult>>();
const decoded = (rel: string, name: string) => {
  let r = results.get(rel);
  if (!r) results.set(rel, (r = decode({ bytes: readShared(rel), name })));
  return r;
};

const cells = (line: string) => line.split('\t');
const isNumber = (c: string) => /^\d+(?:\.\d+)?$/.test(c);
/** Table rows ending in the seven 表三 columns (自然人, five 法人 columns, 总计). */
const t3Rows = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.includes('\t'))
    .map((l) => cells(l))
    .filter((c) => c.length >= 8 && c.slice(-7).every(isNumber) && c.slice(0, -7).some((label) => /\p{Script=Han}/u.test(label)))
    .map((c) => ({ label: c.slice(0, -7).join(' '), n: c.slice(-7).map(Number) }));

/** The crawler header's 标题 line of a page.txt, as the file states it. */
const headerTitle = (rel: string) => /^标题:\s*(.*)$/m.exec(new TextDecoder().decode(readShared(rel)))?.[1]?.trim();
/** 80590 (公安局 2020): the page holds the title alone, the report was an attachment (pingtan-departments/SOURCES.md). */
const TITLE_ONLY = new Set(['80590']);
const idOf = (name: string) => /^(\d+)_/.exec(name)?.[1] ?? '';

describe.skipIf(!sharedAvailable)(`every real report decodes ${SHARED_SKIP_REASON}`, () => {
  it.each(files.map((f) => [f.rel, f.name]))('%s', async (rel, name) => {
    const r = await decoded(rel, name);
    const ext = name.split('.').pop();
    expect(r.decode.format).toBe(ext === 'txt' ? 'txt' : ext);
    expect(r.decode.script).toBe('simplified');
    expect(r.decode.warnings.join('\n')).not.toMatch(/not a report/);
    expect(r.text).not.toMatch(/^(?:标题|原文链接|本地目录)[:：]|={5}|当前位置|QQ空间|相关链接|附件下载|点击下载|^[-－]\s*\d+\s*[-－]$/m);
    if (TITLE_ONLY.has(idOf(name))) {
      // nothing but the title: decoded as such, and said to be too short to be a whole report
      expect(r.text.trim()).toBe(headerTitle(rel));
      expect(r.decode.warnings.join('\n')).toMatch(/very little Chinese text/);
    } else {
      expect(r.text.length).toBeGreaterThan(500);
      // a top-level part starts a line (80587 prints 一总体情况 without 、, its 二、 still does)
      expect(r.text.split('\n').some((l) => /^[一二三四五六七八九十]+、/.test(l))).toBe(true);
    }
    if (name.endsWith('.page.txt')) {
      // the crawler's header becomes pageMeta, and none of it stays in the text
      expect(r.text).not.toContain('\t');
      expect(r.pageMeta.url).toMatch(/^https:\/\/www\.pingtan\.gov\.cn\//);
      expect(r.pageMeta.publishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      expect(r.pageMeta.title).toBe(headerTitle(rel));
      // a report's title, or a cover letter's that names the report (80437, 80586: 关于报送…报告的函)
      expect(r.pageMeta.title).toMatch(/报告(?:》?的函)?$/);
    }
  });
});

/** Characters only the traditional script writes (报 開 资 …), none of which a simplified text holds. */
const TRADITIONAL_ONLY = /[報開資務縣區國會內發關門與為實機構權專經濟當對總處點線網覽頁觀這們時間過還說後裡來]/;

describe.skipIf(!sharedAvailable)(`report openings decode to simplified text ${SHARED_SKIP_REASON}`, () => {
  it.each(openings.map((f) => [f.rel, f.name]))('%s', async (rel, name) => {
    const r = await decoded(rel, name);
    expect(r.decode.format).toBe('txt');
    // eight of them were published in the traditional script: detected as such, and converted
    expect(['simplified', 'traditional']).toContain(r.decode.script);
    expect(r.text).not.toMatch(TRADITIONAL_ONLY);
    expect(r.text.length).toBeGreaterThan(300);
    expect(r.text.length).toBeLessThan(1000);
    expect(r.text).toMatch(/政府信息公开/);
    // no crawler header: nothing to take the page's address from
    expect(r.pageMeta.url ?? null).toBeNull();
    expect(r.decode.warnings.join('\n')).not.toMatch(/not a report/);
  });

  it('the traditional-script openings are the eight SOURCES.md names', async () => {
    const traditional: string[] = [];
    for (const f of openings) if ((await decoded(f.rel, f.name)).decode.script === 'traditional') traditional.push(f.name.slice(0, 2));
    expect(traditional).toEqual(['08', '09', '18', '20', '26', '46', '54', '56']);
  });
});

describe.skipIf(!sharedAvailable)(`lists of reports are not reports ${SHARED_SKIP_REASON}`, () => {
  it.each(nonReports.map((f) => [f.rel, f.name]))('%s', async (rel, name) => {
    const r = await decoded(rel, name);
    expect(r.decode.warnings.join('\n')).toMatch(/not a report: /);
  });
});

describe.skipIf(!sharedAvailable)(`PDF tables keep their numbers in the right rows ${SHARED_SKIP_REASON}`, () => {
  const pdfs = files.filter((f) => f.name.endsWith('.pdf'));

  it.each(pdfs.map((f) => [f.rel, f.name]))('%s: 表三 rows add up across and the balance holds', async (rel, name) => {
    const r = await decoded(rel, name);
    const rows = t3Rows(r.text);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    // horizontal identity: 自然人 + five 法人 columns = 总计, on every row
    for (const { label, n } of rows) expect({ label, sum: n.slice(0, 6).reduce((a, b) => a + b, 0) }).toEqual({ label, sum: n[6] });
    const total = (prefix: string) => rows.find((row) => row.label.includes(prefix))?.n[6];
    const [received, carried, outcome, forward] = ['本年新收', '上年结转', '（七）总计', '结转下年度'].map(total);
    expect([received, carried, outcome, forward].every((v) => v !== undefined)).toBe(true);
    // the official 勾稽: new + carried over = handled + carried forward
    expect((received ?? 0) + (carried ?? 0)).toBe((outcome ?? 0) + (forward ?? 0));
  });

  it.each(pdfs.map((f) => [f.rel, f.name]))('%s: 表二 rows and the 表四 row of 15 figures', async (rel, name) => {
    const lines = (await decoded(rel, name)).text.split('\n');
    for (const label of ['规章', '行政规范性文件']) expect(lines.find((l) => l.startsWith(`${label}\t`))?.split('\t')).toHaveLength(4);
    for (const label of ['行政许可', '行政处罚', '行政强制', '行政事业性收费']) {
      expect(lines.find((l) => l.startsWith(`${label}\t`))).toMatch(new RegExp(`^${label}\\t\\d+(?:\\.\\d+)?$`));
    }
    expect(lines.filter((l) => cells(l).length === 15 && cells(l).every(isNumber))).toHaveLength(1);
  });

  it('淮安市 2024: the 表四 groups add up (结果维持 + 纠正 + 其他 + 尚未审结 = 总计)', async () => {
    const f = pdfs.find((p) => p.name === 'szfgs2024.pdf');
    expect(f).toBeDefined();
    const row = (await decoded(f?.rel ?? '', 'szfgs2024.pdf')).text.split('\n').find((l) => cells(l).length === 15 && cells(l).every(isNumber));
    const n = cells(row ?? '').map(Number);
    for (const g of [0, 5, 10]) expect((n[g] ?? 0) + (n[g + 1] ?? 0) + (n[g + 2] ?? 0) + (n[g + 3] ?? 0)).toBe(n[g + 4]);
  });

  it('the blank DOCX template keeps its table rows (empty cells) and is flagged as having no figures', async () => {
    const f = files.find((p) => p.name.endsWith('.docx'));
    const r = await decoded(f?.rel ?? '', f?.name ?? '');
    expect(r.decode).toMatchObject({ format: 'docx', encoding: 'binary' });
    expect(r.text.split('\n')).toContain('一、本年新收政府信息公开申请数量\t\t\t\t\t\t\t');
    expect(r.text.split('\n')).toContain('信息内容\t本年制发件数\t本年废止件数\t现行有效件数');
    expect(r.decode.warnings.join('\n')).toMatch(/almost no figures/);
  });
});
