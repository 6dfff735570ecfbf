/** Names and boilerplate the generated reports are made of (written for this generator, not copied). */
import type { Rng } from './rng.ts';

const PROVINCES = ['河北省', '河南省', '江苏省', '福建省', '山东省', '湖南省', '四川省', '浙江省', '广东省', '安徽省', '江西省', '湖北省'];
const CITIES = ['石家庄市', '平顶山市', '淮安市', '福州市', '济南市', '长沙市', '成都市', '宁波市', '佛山市', '芜湖市', '赣州市', '宜昌市', '洛阳市', '泉州市', '徐州市', '绵阳市'];
const COUNTIES = ['湛河区', '平山县', '洪泽区', '长乐区', '历城区', '浏阳市', '双流区', '慈溪市', '南海区', '无为市', '瑞金市', '夷陵区', '新安县', '晋江市', '沛县', '江油市'];
const DEPARTMENTS = ['教育局', '财政局', '民政局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '农业农村局', '卫生健康委员会', '市场监督管理局', '人力资源和社会保障局', '统计局', '审计局', '司法局'];

export interface Agency {
  name: string;
  /** How the report refers to itself: 我区, 我局… */
  self: string;
  province: string;
  city: string;
}

export function pickAgency(rng: Rng): Agency {
  const province = rng.pick(PROVINCES);
  const city = rng.pick(CITIES);
  const kind = rng.weighted([['county', 4], ['city', 2], ['department', 4]] as const);
  if (kind === 'county') {
    const county = rng.pick(COUNTIES);
    return { name: `${county}人民政府`, self: county.endsWith('县') ? '我县' : county.endsWith('区') ? '我区' : '我市', province, city };
  }
  if (kind === 'city') return { name: `${city}人民政府`, self: '我市', province, city };
  const dept = rng.pick(DEPARTMENTS);
  return { name: `${city}${dept}`, self: dept.endsWith('委员会') ? '我委' : '我局', province, city };
}

const FILLER = [
  '坚持以公开为常态、不公开为例外，进一步健全政府信息公开工作机制，推动政府信息公开工作规范化、制度化。',
  '加强组织领导，明确分管领导和具体承办人员，将政府信息公开工作纳入年度目标考核内容。',
  '完善政府信息公开指南和目录，及时更新机构职能、领导分工、办事指南等基础信息。',
  '严格落实保密审查制度，坚持先审查、后公开，确保公开信息准确、安全。',
  '围绕重点领域，及时公开财政预决算、重大建设项目、公共资源配置、社会公益事业等信息。',
  '充分发挥政府门户网站第一平台作用，优化栏目设置，提升信息发布时效。',
  '积极运用政务新媒体，主动回应社会关切，增强政策解读的针对性和可读性。',
  '畅通依申请公开渠道，规范受理、登记、审核、答复各环节流程，按照法定时限答复申请人。',
  '加强业务培训，组织工作人员学习《条例》及相关文件，提高依法公开能力和水平。',
  '建立健全政府信息公开监督检查机制，定期通报各单位信息公开情况。',
  '部分单位对政府信息公开工作重视程度不够，信息更新不够及时。',
  '政策解读形式较为单一，图解、视频等形式运用不足。',
  '下一步，将进一步加强队伍建设，完善工作制度，不断提高政府信息公开工作质量。',
  '推进决策公开、执行公开、管理公开、服务公开、结果公开，保障人民群众知情权、参与权和监督权。',
  '规范政府信息发布流程，落实信息发布审核责任，确保信息发布内容真实、完整。',
  '持续开展政务公开标准化规范化建设，编制重点领域公开事项清单。',
];

/** `n` distinct filler sentences, as one paragraph. */
export function filler(rng: Rng, n: number): string {
  const picked = new Set<string>();
  while (picked.size < Math.min(n, FILLER.length)) picked.add(rng.pick(FILLER));
  return [...picked].join('');
}

/** A contact sentence with a phone number and postcode (distractor numbers that are not metrics). */
export function contactLine(rng: Rng, agency: Agency, serial: number): string {
  const phone = `0${rng.int(310, 899)}-${rng.int(2000000, 8999999)}`;
  const post = String(rng.int(100000, 859999));
  return `如对本报告有任何疑问，请与${agency.name}办公室联系（地址：${agency.city}人民路${rng.int(1, 300)}号；邮编：${post}；电话：${phone}；文档编号：GK${serial}）。`;
}
