/** The fragment check itself: whole names pass, each kind of fragment is named. */
import { describe, expect, it } from 'vitest';
import { fragmentReason } from './agency.check.ts';

describe('fragmentReason', () => {
  it.each([
    ['平潭县财政局', '平潭县财政局2012年政府信息公开年度报告。'],
    ['科右前旗索伦镇人民政府', '2019年度,科右前旗索伦镇根据要求开展工作。'],
    ['福州市晋安区人民政府', '由福州市晋安区人民政府信息公开办编制。'],
    ['中共龙江县委组织部', '中共龙江县委组织部2019年政府信息公开工作年度报告'],
    ['青川县乡村振兴局', '2021年，县乡村振兴局以青川县门户网站为平台。'],
  ])('%s is whole', (name, text) => expect(fragmentReason(name, text)).toBeNull());

  it.each([
    ['江县城关镇人民政府', '浙江省平阳县，龙江县城关镇人民政府编制。', 'cut place'],
    ['前旗索伦镇人民政府', '2019年度,科右前旗索伦镇根据要求。科右前旗索伦镇人民政府', 'cut place'],
    ['请与卫滨区人民政府', '如有疑问请与卫滨区人民政府办公室联系。', 'sentence word'],
    ['年卫滨区人民政府', '2016年卫滨区人民政府共公开信息。', 'sentence word'],
    ['标题西藏自治区人民政府', '标题西藏自治区人民政府2023年政府信息公开工作年度报告', 'words before the place'],
    ['工作的地市人民政府', '指导各地市人民政府开展工作。', 'unanchored'],
  ])('%s is a fragment', (name, text, kind) => expect(fragmentReason(name, text)).toContain(kind));
});
