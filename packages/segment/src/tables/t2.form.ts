/**
 * The columns of each 表二 row in the two national forms (DOMAIN.md 2.1):
 * 2019 (国办公开办函〔2019〕60号) and 2021 (〔2021〕30号, also the 2025 layout
 * without a 规章 row). Shared by the grid matcher and the text parser.
 */
export type T2Variant = '2019' | '2021';

export const T2_COLS: Record<T2Variant, Record<string, readonly string[]>> = {
  '2019': {
    rules: ['made', 'published', 'public_total'],
    normative_docs: ['made', 'published', 'public_total'],
    licensing: ['prev_items', 'delta', 'decisions'],
    other_services: ['prev_items', 'delta', 'decisions'],
    penalty: ['prev_items', 'delta', 'decisions'],
    coercion: ['prev_items', 'delta', 'decisions'],
    admin_fees: ['prev_items', 'delta'],
    procurement: ['projects', 'amount'],
  },
  '2021': {
    rules: ['issued', 'repealed', 'in_force'],
    normative_docs: ['issued', 'repealed', 'in_force'],
    licensing: ['decisions'],
    penalty: ['decisions'],
    coercion: ['decisions'],
    admin_fees: ['amount_wan_yuan'],
  },
};

/** Column labels of the national forms (DOMAIN.md 2.1), for the cells' `colLabel` where no header names them. */
export const T2_COL_LABELS: Readonly<Record<string, string>> = {
  made: '本年新制作数量', published: '本年新公开数量', public_total: '对外公开总数量',
  issued: '本年制发件数', repealed: '本年废止件数', in_force: '现行有效件数',
  prev_items: '上一年项目数量', delta: '本年增/减', decisions: '处理决定数量',
  amount_wan_yuan: '本年收费金额（单位：万元）', projects: '采购项目数量', amount: '采购总金额',
};
