/**
 * Agency, level and region on sentences written for these cases: each way a
 * report names its author must give the whole name; each near-miss (a name
 * inside another sentence, a banner, a contact line) must not give a fragment.
 */
import type { DecodeResult } from '@gongkai/core';
import { describe, expect, it } from 'vitest';
import { segment } from '../segment.stage.ts';
import { agencySources, detectAgency } from './agency.detect.ts';
import { isAgencyName, nameEndingAt } from './agency.name.ts';
import { divisionAt, divisionChain, shortForms } from './divisions.data.ts';
import { detectTitle } from './title.detect.ts';

describe('divisions', () => {
  it('knows provinces, prefectures and counties by full and short names', () => {
    expect(divisionAt('内蒙古自治区交通运输厅')?.name).toBe('内蒙古自治区');
    expect(divisionAt('内蒙古交通运输厅')?.name).toBe('内蒙古');
    expect(divisionAt('锡林郭勒盟行政公署')?.name).toBe('锡林郭勒盟');
    expect(divisionAt('平潭县财政局')?.divisions[0]).toMatchObject({ name: '平潭县', level: 'county', city: '福州市', province: '福建省' });
    expect(divisionChain('福州市晋安区人民政府').map((d) => d.name)).toEqual(['福州市', '晋安区']);
    expect(shortForms('海南藏族自治州', 'city')).toEqual(expect.arrayContaining(['海南州', '海南']));
  });
  it('does not read ordinary words as places', () => {
    expect(divisionAt('城区本级')).toBeNull();
    expect(divisionAt('市中心')).toBeNull();
    expect(divisionAt('和县政府')).toBeNull();
  });
});

describe('agency names are whole', () => {
  it.each([
    ['请与卫滨区人民政府', '卫滨区人民政府'],
    ['2016年卫滨区人民政府', '卫滨区人民政府'],
    ['现就鹤游镇', '鹤游镇'],
    ['为认真做好京山市卫生健康局', '京山市卫生健康局'],
    ['浙江省龙江县城关镇人民政府', '浙江省龙江县城关镇人民政府'],
    ['现发布《银川市民族事务委员会（宗教事务局）', '银川市民族事务委员会（宗教事务局）'],
    ['2017年1月16日附件平潭综合实验区农村发展局', '平潭综合实验区农村发展局'],
  ])('%s → %s', (text, name) => expect(nameEndingAt(text, text.length, true)).toBe(name));

  it.each(['以及省政府的相关要求对厅', '工作的地市人民政府', '浏览量', '新闻媒体', '按照要求编制报告'])('%s is no agency name', (s) => {
    expect(isAgencyName(s, true)).toBe(false);
  });
});

describe('agency sources', () => {
  it('takes the place a title names whole, as its government', () => {
    const r = detectAgency('我镇认真贯彻《条例》。', '龙江县城关镇2018年政府信息公开工作年度报告', undefined);
    expect(r).toMatchObject({ agency: '龙江县城关镇人民政府', level: 'township', region: { province: '黑龙江省', city: '齐齐哈尔市', county: '龙江县' } });
  });
  it('takes the report a cover letter names', () => {
    expect(detectAgency('区办公室：现将年度报告报送贵处。', '关于报送《宁德市统计局2016年政府信息公开年度报告》的函', undefined).agency).toBe('宁德市统计局');
  });
  it('reads the signature when the title names no agency', () => {
    const text = '一、概述\n2016年，我局认真贯彻落实《条例》。\n六、其他需要报告的事项\n无。\n宁德市蕉城区统计局\n2017年1月20日';
    expect(detectAgency(text, '2016年政府信息公开工作年度报告', undefined)).toMatchObject({ agency: '宁德市蕉城区统计局', level: 'department' });
  });
  it('does not take an 印发 line for the signature', () => {
    expect(agencySources('正文。\n莆田市城厢区财政局办公室 2017年1月26日印发', null).signature).toBeNull();
  });
  it.each([
    ['本报告由漳州市龙海区自然资源局编制。全文包括概述等五部分。', '漳州市龙海区自然资源局'],
    ['本报告由岳阳县民政局根据《条例》规定编制。', '岳阳县民政局'],
    ['根据《条例》，现公布南平市建阳区人民政府2011年政府信息公开工作年度报告。', '南平市建阳区人民政府'],
    ['根据《条例》规定，制定了温泉县教育局2019年度政府信息公开年度报告。', '温泉县教育局'],
    ['根据《条例》，现就鹤游镇2023年政府信息公开工作情况报告如下：我镇主动公开信息152条。', '鹤游镇人民政府'],
    ['结合杭州市人力资源和社会保障局年度政府信息公开情况编制。', '杭州市人力资源和社会保障局'],
    ['一、总体情况\n2019年度,科右前旗索伦镇根据上级要求开展工作。我镇主动公开信息24条。', '科右前旗索伦镇人民政府'],
    ['本年度报告由太原市政府信息公开领导小组办公室编制。本市各级政府部门认真贯彻《条例》。', '太原市人民政府'],
    ['根据《条例》要求，现将我局2016年政府信息公开工作情况报告如下。\n一、概述\n2016年，三明市林业局认真贯彻《条例》，我局主动公开信息120条。', '三明市林业局'],
    ['本报告是根据《条例》要求，由古田县人民政府办公室编制的古田县2015年度政府信息公开年度报告。', '古田县人民政府'],
    ['一、总体情况\n2022年，我街道认真贯彻《条例》。鼓楼区东街街道办事处主动公开信息52条。如有疑问请与东街街道办事处党政办联系。', '鼓楼区东街街道办事处'],
    ['如有疑问，请与晋江市人民政府办公室联系。2020年，在市委市政府的领导下，晋江市人民政府办公室以提升质量为抓手。', '晋江市人民政府办公室'],
  ])('opening: %s', (text, name) => expect(detectAgency(text, null, undefined).agency).toBe(name));

  it('expands a short form from the place the text names (县乡村振兴局 … 松溪县门户网站)', () => {
    const text = '一、总体情况\n2021年，县乡村振兴局严格按照县委县政府要求公开信息。县乡村振兴局以松溪县门户网站为主要公开平台。';
    expect(detectAgency(text, null, undefined)).toMatchObject({ agency: '松溪县乡村振兴局', aliases: ['县乡村振兴局'], region: { county: '松溪县' } });
  });
  it('expands an abbreviation the text gives in full (福建省民宗厅 → 福建省民族宗教事务厅)', () => {
    const r = detectAgency('福建省民族宗教事务厅编制并向社会公布本报告。', '福建省民宗厅2023年度政府信息公开工作报告', undefined);
    expect(r).toMatchObject({ agency: '福建省民族宗教事务厅', aliases: ['福建省民宗厅'], level: 'department', region: { province: '福建省' } });
  });
  it('reads a title whose year is written in Chinese numerals', () => {
    const decode: DecodeResult = {
      decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] },
      text: '龙江县二〇一六年政府信息公开工作年度报告\n根据《条例》编制本报告。', pageMeta: {}, offsetMap: [],
    };
    expect(segment({ decode }).meta).toMatchObject({ title: '龙江县二〇一六年政府信息公开工作年度报告', year: 2016, agency: '龙江县人民政府', level: 'county' });
  });
  it('keeps a predecessor name as written and keys it apart from its successor', () => {
    const old = detectAgency('我局认真贯彻《条例》。', '平潭县财政局2012年政府信息公开年度报告', undefined);
    const now = detectAgency('我局认真贯彻《条例》。', '平潭综合实验区财政金融局2021年度政府信息公开工作年度报告', undefined);
    expect(old.agency).toBe('平潭县财政局');
    expect(now.agency).toBe('平潭综合实验区财政金融局');
    expect(old.agencyKey).toBe('福建省/福州市/平潭县:财政局');
    expect(now.agencyKey).not.toBe(old.agencyKey);
  });
  it('takes the report a notice publishes as the agency (…办公室关于印发X市2019年…的通知 → X市人民政府)', () => {
    expect(detectAgency('各乡镇人民政府：现将报告印发给你们。', '武夷山市人民政府办公室关于印发武夷山市2019年政府信息公开工作年度报告的通知', undefined).agency).toBe('武夷山市人民政府');
  });
  it('leaves the prefecture open when several share the county name and the text names none', () => {
    expect(detectAgency('鼓楼区东街街道办事处主动公开信息52条。', '鼓楼区东街街道2022年政府信息公开工作年度报告', undefined).region).toEqual({ county: '鼓楼区' });
    expect(detectAgency('根据福州市政府办公厅通知，鼓楼区东街街道办事处主动公开信息。', '鼓楼区东街街道2022年政府信息公开工作年度报告', undefined).region).toEqual({ province: '福建省', city: '福州市', county: '鼓楼区' });
  });
  it('keys a national bureau by its whole name (监督管理委员会 is not 管委会)', () => {
    expect(detectAgency('本报告由中国证券监督管理委员会福建监管局编制。', null, undefined).agencyKey).toBe(':中国证券监督管理委员会福建监管局');
  });
  it('writes 政府 in full when the text does (龙江县政府办公室 → 龙江县人民政府办公室)', () => {
    expect(detectAgency('龙江县人民政府办公室负责本报告。', '龙江县政府办公室2019年政府信息公开工作年度报告', undefined)).toMatchObject({ agency: '龙江县人民政府办公室', aliases: ['龙江县政府办公室'] });
    expect(detectAgency('我办负责本报告。', '龙江县政府办公室2019年政府信息公开工作年度报告', undefined).agency).toBe('龙江县政府办公室');
  });
  it.each([
    ['福州海关2019年政府信息公开工作年度报告', '福州海关'],
    ['龙江县供销合作社联合社2019年政府信息公开工作年度报告', '龙江县供销合作社联合社'],
    ['龙江县人民法院2019年政府信息公开工作年度报告', '龙江县人民法院'],
  ])('names a body that is not a 局 or 委 (%s)', (title, name) => {
    expect(detectAgency('认真贯彻《条例》。', title, undefined)).toMatchObject({ agency: name, level: 'department' });
  });
  it('takes a party organ by its place (中共龙江县委组织部)', () => {
    expect(detectAgency('我部认真贯彻《条例》。', '中共龙江县委组织部2019年政府信息公开工作年度报告', undefined)).toMatchObject({ agency: '中共龙江县委组织部', level: 'department' });
  });
  it('uses the page header 发布机构 only when it is an agency name', () => {
    expect(detectAgency('我局认真贯彻《条例》。', null, '龙岩市新罗区民政局').agency).toBe('龙岩市新罗区民政局');
    expect(detectAgency('我局认真贯彻《条例》。', null, '浏览量:').agency).toBeNull();
  });

  it.each([
    ['a contact line alone', '如有疑问，请与卫滨区人民政府办公室联系。'],
    ['a title without an agency', '根据《条例》编制本报告。'],
    ['a compiling phrase without a name', '本报告由各单位分别编制。'],
    ['the name of another document', '根据《福建省2020年政务公开工作要点》要求，结合实际编制本报告。'],
  ])('names nobody from %s', (_, text) => {
    const r = detectAgency(text, '2010年政府信息公开工作年度报告', undefined);
    expect(r.agency).toBeNull();
  });
});

describe('level and region', () => {
  it.each([
    ['内蒙古自治区交通运输厅2024年政府信息公开工作年度报告', 'department', { province: '内蒙古自治区' }],
    ['西藏自治区人民政府2023年政府信息公开工作年度报告', 'province', { province: '西藏自治区' }],
    ['北京市2020年政府信息公开工作年度报告', 'province', { province: '北京市' }],
    ['海南州人民政府2022年政府信息公开工作年度报告', 'city', { province: '青海省', city: '海南藏族自治州' }],
    ['内黄县2018年政府信息公开工作年度报告', 'county', { province: '河南省', city: '安阳市', county: '内黄县' }],
    ['福州市晋安区2016年政府信息公开工作年度报告', 'district', { province: '福建省', city: '福州市', county: '晋安区' }],
    ['双塔区前进街道2020年政府信息公开工作年度报告', 'township', { province: '辽宁省', city: '朝阳市', county: '双塔区' }],
    ['东乌珠穆沁旗阿拉坦合力苏木2019年政府信息公开工作年度报告', 'township', { province: '内蒙古自治区', county: '东乌珠穆沁旗' }],
  ])('%s', (title, level, region) => {
    const r = detectAgency('认真贯彻《条例》。', title, undefined);
    expect(r.level).toBe(level);
    expect(r.region).toMatchObject(region);
  });
});

describe('titles', () => {
  it.each([
    ['split over two lines', '平阳县水头镇2008年政府信息公开工作\n年度报告\n根据《条例》要求编制。', '平阳县水头镇2008年政府信息公开工作年度报告'],
    ['split over three lines', '阿城区机关后勤服务中心\n2021年政府信息公开\n工作年度报告\n本年度报告根据《条例》编制。', '阿城区机关后勤服务中心2021年政府信息公开工作年度报告'],
    ['a name line, then the year line', '阿城区机关后勤服务中心\n2021年政府信息公开工作年度报告\n本年度报告根据《条例》编制。', '阿城区机关后勤服务中心2021年政府信息公开工作年度报告'],
    ['after 正文', '正文\n龙江县2019年政府信息公开工作年度报告\n根据《条例》编制。', '龙江县2019年政府信息公开工作年度报告'],
    ['after a page number', '3 龙江县2019年政府信息公开工作年度报告\n根据《条例》编制。', '龙江县2019年政府信息公开工作年度报告'],
    ['after a list marker', '1、龙江县2019年政府信息公开工作年度报告\n根据《条例》编制。', '龙江县2019年政府信息公开工作年度报告'],
    ['after a 标题 label', '标题龙江县2019年政府信息公开工作年度报告\n索引号 000/2020文号', '龙江县2019年政府信息公开工作年度报告'],
    ['after a document number', '岚经发〔2021〕17号 平潭综合实验区经济发展局 2020年政府信息公开工作年度报告 根据《条例》编制。', '平潭综合实验区经济发展局2020年政府信息公开工作年度报告'],
    ['repeated as page title and heading', '龙江县2019年政府信息公开工作年度报告 来源：县政府办 时间：2020-01-10\n龙江县2019年政府信息公开工作年度报告\n根据《条例》编制。', '龙江县2019年政府信息公开工作年度报告'],
    ['after page words separated by spaces', '登录 注册 无障碍浏览 兴华乡2010年政府信息公开报告 发布日期:2011-01-01', '兴华乡2010年政府信息公开报告'],
    ['with a note in brackets', '龙江县2019年政府信息公开工作年度报告（全文）\n根据《条例》编制。', '龙江县2019年政府信息公开工作年度报告（全文）'],
    ['run on into the body', '平潭县财政局2012年政府信息公开年度报告根据《条例》，现公布年度报告。', '平潭县财政局2012年政府信息公开年度报告'],
    ['of a cover letter, by the report it names', '关于报送《平潭综合实验区公安局2015年政府信息公开年度报告》的函区办公室：现将报告报送贵处。', '平潭综合实验区公安局2015年政府信息公开年度报告'],
  ])('%s', (_, text, title) => expect(detectTitle(text, 0, text.length)?.title).toBe(title));

  it.each([
    ['a banner that runs on', '2020年北京市“政府信息公开工作年度报告”集中公开专题页面\n依据《条例》编制本报告。'],
    ['a sentence that mentions the report', '根据《条例》，现公布2012年度政府信息公开年度报告。本报告由概述等部分组成。'],
    ['a date line joined to a heading', '天津市红桥区人民政府\n2019年12月3日星期二\n本年度报告根据《条例》编制。'],
    ['a news item', '新闻媒体:2020年北京市政府信息公开工作年度报告发布 政府信息公开申请办理3.8万余件'],
  ])('finds none in %s', (_, text) => expect(detectTitle(text, 0, text.length)).toBeNull());

  it('dates the report by its signature when a statistics table follows it', () => {
    const decode: DecodeResult = {
      decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] },
      text: '宁德市统计局2016年政府信息公开年度报告\n一、概述\n我局主动公开信息12条。附件：统计表 宁德市统计局 2017年1月16日附件 宁德市统计局2016年政府信息公开情况统计表 指标名称 主动公开信息数 条 12',
      pageMeta: { publishedAt: '2017-02-28T10:17' }, offsetMap: [],
    };
    expect(segment({ decode }).meta.publishedAt).toBe('2017-01-16');
    const printed = { ...decode, text: '宁德市统计局2016年政府信息公开年度报告\n一、概述\n我局主动公开信息12条。宁德市统计局办公室 2017年1月20日印发 附件 统计表 主动公开信息数 条 12' };
    expect(segment({ decode: printed }).meta.publishedAt).toBe('2017-02-28T10:17');
  });
  it('does not take a page header that names no report for the title', () => {
    const decode: DecodeResult = {
      decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] },
      text: '根据《条例》，结合我局实际，编制本报告。', pageMeta: { title: '政务公开' }, offsetMap: [],
    };
    expect(segment({ decode }).meta.title).toBeNull();
  });
  it('takes the page header title when the body states none, marked as such', () => {
    const decode: DecodeResult = {
      decode: { format: 'txt', encoding: 'utf-8', confidence: 1, script: 'simplified', converted: false, pinyinRemoved: 0, warnings: [] },
      text: '根据《条例》，结合我局实际，编制本报告。\n一、总体情况\n2021年，我局主动公开信息。', pageMeta: { title: '平潭综合实验区公安局2021年政府信息公开工作年度报告' }, offsetMap: [],
    };
    expect(segment({ decode }).meta).toMatchObject({ title: '平潭综合实验区公安局2021年政府信息公开工作年度报告', titleSource: 'page', agency: '平潭综合实验区公安局' });
  });
});
