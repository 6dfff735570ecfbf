/**
 * Growth of the four-stage chain on pathological shapes of input: each shape
 * at n and 4n characters, one run each. A time ratio near 4 is linear; near
 * 16 is quadratic (a 10 MB file of that shape would outlast the stage
 * timeout). The shapes are the ones the fuzz run and code review found
 * quadratic once: a long run of digits, thousands of headings, long runs of
 * spaces before a trailing "附件下载", deeply nested HTML, a table cell
 * holding one long run of digits.
 */
import { runInProcess } from '@gongkai/stages';
import { round, type BenchRow, type BenchSection } from './lib.ts';

const HEAD = '某县人民政府2016年政府信息公开工作年度报告\n一、概述\n全年主动公开政府信息120条。\n';
const TAIL = '\n二、依申请公开情况\n收到申请5件。\n';

/** The head row of 表三 (2019 form), tab-separated. */
const T3_HEAD = '三、收到和处理政府信息公开申请情况\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计';

const SHAPES: Record<string, { ext: string; make: (n: number) => string }> = {
  'one line of figures': { ext: 'txt', make: (n) => HEAD + '主动公开政府信息123条，'.repeat(n / 13) + TAIL },
  'one line of figures, each with a year': { ext: 'txt', make: (n) => HEAD + '2015年主动公开政府信息12条，'.repeat(n / 17) + TAIL },
  'a run of digits': { ext: 'txt', make: (n) => HEAD + '主动公开' + '1'.repeat(n) + TAIL },
  'repeated headings': { ext: 'txt', make: (n) => HEAD + '一、概述\n'.repeat(n / 5) + TAIL },
  'numbered headings': { ext: 'txt', make: (n) => HEAD + Array.from({ length: n / 16 }, (_, i) => `${i + 1}. 主动公开政府信息情况\n`).join('') + TAIL },
  'spaces, then 附件下载': { ext: 'txt', make: (n) => HEAD + '主动公开政府信息' + ' '.repeat(n) + '条 附件下载x' + TAIL },
  'table rows': { ext: 'txt', make: (n) => HEAD + '行政许可\t1\t2\t3\n'.repeat(n / 12) + TAIL },
  // a table of the 2019 form whose row holds one long run of digits in a single cell (quadratic in decode and validate until 2026-12-05)
  'a run of digits in a table cell': { ext: 'txt', make: (n) => HEAD + `${T3_HEAD}\n一、本年新收政府信息公开申请数量\t${'1234567890'.repeat(n / 10)}\n四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n` + TAIL },
  'a run of digits in an HTML table cell': { ext: 'html', make: (n) => `<html><body><p>${HEAD}</p><table><tr>${T3_HEAD.split('\t').map((c) => `<td>${c}</td>`).join('')}</tr><tr><td>一、本年新收政府信息公开申请数量</td><td>${'1234567890'.repeat(n / 10)}</td></tr></table><p>${TAIL}</p></body></html>` },
  'nested <div>': { ext: 'html', make: (n) => `<html><body><p>${HEAD}</p>${'<div>'.repeat(n / 5)}主动公开政府信息12条。${'</div>'.repeat(n / 5)}</body></html>` },
};

async function timeChain(text: string, ext: string): Promise<number> {
  const t0 = performance.now();
  try {
    await runInProcess({ bytes: new TextEncoder().encode(text), name: `hostile.${ext}` });
  } catch {
    // a dead letter is a fine outcome here: only the time is measured
  }
  return performance.now() - t0;
}

export async function run({ quick }: { quick: boolean }): Promise<BenchSection[]> {
  const n = quick ? 50_000 : 250_000;
  const rows: BenchRow[] = [];
  for (const [name, shape] of Object.entries(SHAPES)) {
    const small = await timeChain(shape.make(n), shape.ext);
    const big = await timeChain(shape.make(4 * n), shape.ext);
    rows.push({ name, [`ms at ${n / 1000}k chars`]: round(small, 0), [`ms at ${(4 * n) / 1000}k`]: round(big, 0), 'ratio (4 = linear, 16 = quadratic)': round(big / Math.max(small, 1), 1) });
  }
  return [{ title: 'Hostile shapes: growth of the four-stage chain', rows }];
}
