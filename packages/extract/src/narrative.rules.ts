/**
 * How prose states a metric: the keyword before the number in the same clause
 * (受理…申请41件), or the noun right after its measure word (2名专职人员),
 * the units it may carry, and the context it needs. Data only; the matcher is
 * narrative.extract.ts. Order matters only to break ties between keywords
 * ending at the same place: blockers first, then the more specific rules.
 */
import type { SectionKind } from '@gongkai/core';

export interface NarrativeRule {
  /** Catalogue key, or null for a blocker: words that look like a metric but are not one. */
  key: string | null;
  /** Keyword before the number (searched after the previous count in the clause; the last match counts). */
  before?: RegExp;
  /** Noun phrase right after the measure word, for number-before-noun phrasing (2名专职人员). */
  after?: RegExp;
  units: readonly string[];
  /**
   * Context: the sentence matches `sentence`, or the section is one of `sections` (any enclosing
   * section; only the deepest one with `innermost`, so that a sub-section on another topic does not
   * inherit its parent's: 总体情况 → （二）做大做强问政平台).
   */
  context?: { sentence?: RegExp; sections?: readonly SectionKind[]; innermost?: boolean };
  /** The clause up to the number must not match (scoped subjects, other metrics' words). */
  not?: RegExp;
  /** The sentence up to the number's clause must not match (the number is about a sub-scope: a 专栏, procurement…; a 专栏 named after it is where the items went, not what they are). */
  notSentence?: RegExp;
  /** The deepest enclosing section is about one of these topics and not about `unless` (a count there is that topic's). */
  notInSection?: { kinds: readonly SectionKind[]; unless: SectionKind };
  /** Skip when the words before the count (from the previous count) name `channel` and not `unless`. */
  notThrough?: { channel: RegExp; unless: RegExp };
  /** Skip when a noun follows the measure word (个 then counts that noun, not the keyword's thing). */
  noNounAfter?: boolean;
  /** Skip inside an item of an enumerated paragraph (一是…二是…): the count is that item's topic. */
  notInItem?: boolean;
  /** Skip when the number carries a 占…% share (it is a part, not the total). */
  notShare?: boolean;
  /** A website statement that is also the report's total when no other total is stated. */
  orTotal?: boolean;
  /** Loose wording (公开信息…条): dropped when a firmer statement of the key says otherwise. */
  weak?: boolean;
}

const ITEMS = ['条', '件', '份', '个'] as const;
const CASES = ['件', '起', '份', '个', '宗', '例', '次', '条'] as const;
const PEOPLE = ['人', '名', '位'] as const;
const TIMES = ['次', '期', '场', '批'] as const;
const MONEY = ['元', '万元'] as const;

const REQ = { sentence: /申请/u, sections: ['requests'] as const };
const STAFF = { sentence: /信息公开|政务公开|信息员/u, sections: ['organization'] as const };
/** Outcome rows: the sentence speaks of requests or their handling, or the section is about requests. */
const REQ_OUTCOME = { sentence: /申请|答复|办理|办结|受理/u, sections: ['requests'] as const };
const DISCLOSURE = { sentence: /信息公开|依申请|政府信息|公开申请/u, sections: ['requests'] as const };
/** Sentences about a sub-scope of proactive disclosure (a 专栏, procurement, job ads, bulletins, categories). */
const SUB_SCOPE = /专栏|子栏目|采购|招聘|类别/u;
/** A subject narrower than the reporting body: 各乡镇, 区直各部门, 县政府公开办… (but not 本部门). */
const SCOPED = /(?<!本)(?:各乡镇|各部门|各单位|各街道|区直|县直|市直|公开办|乡镇)/u;
/** Not proactive disclosure: a narrower subject, or information released on request. */
const NOT_PROACTIVE = new RegExp(`${SCOPED.source}|依申请`, 'u');
/** New media alone before the count: the loose wording counts that channel's items (通过“平潭发布”公众号发布信息672条), unless the website is named with them (在网站和微信平台公布信息202条). */
const NEW_MEDIA_ONLY = { channel: /公众号|微博|微信|客户端|APP|抖音|头条|视频号|新媒体/u, unless: /网站|外网|门户/u };

export const NARRATIVE_RULES: readonly NarrativeRule[] = [
  // ---- blockers
  // 作为依申请公开信息数46条 (information classified as on-request), but not 受理依申请公开政府信息12件
  { key: null, before: /(?<!受理|收到|接到)依申请公开(?:的)?(?:政府)?信息(?:数)?/u, units: ITEMS },
  { key: null, before: /不予公开(?:的)?(?:政府)?信息(?:数)?/u, units: ITEMS },
  { key: null, before: /(?<![各分])类(?:信息|文件)?/u, units: ITEMS },
  { key: null, before: /访问量|浏览量|点击量|留言|咨询|热线|信箱|用户|订阅/u, units: [...ITEMS, '人', '人次', '次'] },
  { key: null, before: /其[他它](?:应)?(?:主动)?公开的?(?:政府)?信息|其[它他](?:公开|类型)答复(?:数)?/u, units: ITEMS },

  // ---- proactive disclosure
  { key: 'proactive.normative_docs', before: /(?:主动)?公开(?:了)?(?:本级|本部门|本机关)?(?:行政)?规范性文件(?!类|总数)/u, units: [...ITEMS] },
  { key: 'proactive.normative_docs_issued', before: /制发(?:了)?(?:的)?(?:行政)?规范性文件(?:总数)?/u, units: [...ITEMS] },
  // channels end where the proactive wording would (…公开政府信息12条), so that the tie goes to the channel;
  // a channel listed with others (通过政府公报、政府网站等载体主动公开信息…) is not the one that carried them
  { key: 'proactive.channel.weibo', before: /微博[^，。；、及和等]{0,24}?(?:公开|发布|公布|推送)(?:[^，。；]{0,8}?信息(?:数)?)?/u, units: ['条'], notSentence: SUB_SCOPE },
  { key: 'proactive.channel.wechat', before: /(?:微信|公众号)[^，。；、及和等]{0,24}?(?:公开|发布|公布|推送)(?:[^，。；]{0,8}?信息(?:数)?)?/u, units: ['条'], notSentence: SUB_SCOPE },
  // the verb before the channel, the count right after it: 发布各类警务微博3457条, 编发警务微信1451余条 (not 开通政务微博3个: an account count)
  { key: 'proactive.channel.weibo', before: /(?:发布|编发|推送|更新)(?:了)?(?:各类)?[^，。；]{0,6}?微博(?:信息)?(?:共)?$/u, units: ['条'], notSentence: SUB_SCOPE },
  { key: 'proactive.channel.wechat', before: /(?:发布|编发|推送|更新)(?:了)?(?:各类)?[^，。；]{0,6}?(?:微信(?:公众号)?|公众号)(?:信息|文章)?(?:共)?$/u, units: ['条', '篇'], notSentence: SUB_SCOPE },
  { key: 'proactive.channel.gazette', before: /公报[^，。；、及和等]{0,10}?(?:公开|刊登|刊发)(?:[^，。；]{0,8}?信息(?:数)?)?/u, units: ['条', '件'], notSentence: SUB_SCOPE },
  { key: 'proactive.channel.other', before: /(?:报纸|日报|电视台|广播|媒体)[^，。；]{0,10}?(?:刊登|播报|刊发)(?:[^，。；]{0,8}?信息)?|其[他它](?:方式|途径|渠道)公开(?:政府)?信息(?:数)?/u, units: ['条', '篇'], notSentence: SUB_SCOPE },
  // 网上公开信息14条，占总数的47%: the online channel, a part of the total (so a share does not block it)
  { key: 'proactive.channel.website', before: /网上(?:主动)?公开(?:政府)?信息(?:数)?(?:共)?$/u, units: ['条', '件'], not: NOT_PROACTIVE, notSentence: SUB_SCOPE },
  {
    key: 'proactive.channel.website', before: /(?:网站|外网)[^，。；、及和等]{0,6}?(?:主动)?(?:公开|发布|公布)(?:[^，。；]{0,10}?信息)?/u,
    units: ['条', '件', '份'], not: NOT_PROACTIVE, notSentence: SUB_SCOPE, orTotal: true,
  },
  {
    key: 'proactive.total',
    before: /主动(?:公开|发布|公布)(?:了)?(?:本部门|本级|本机关|我办|我局|我厅|我委|[我全][区县市](?:各级(?:单位|部门))?)?(?:的)?(?:各类|各项)?(?:政府|政务|执法|工作)?信息(?:数)?(?:共计|共|总数|总计|合计)?(?:为|达)?|政府信息(?:主动)?公开(?:总)?数(?:量)?(?:为|达)?/u,
    units: ['条', '件', '份'], not: NOT_PROACTIVE, notSentence: SUB_SCOPE, notShare: true,
  },
  // 发布政府信息（文件）575份，其中主动公开317份: the count right after 主动公开 (not 各乡镇主动公开122条)
  { key: 'proactive.total', before: /主动(?:公开|发布|公布)(?:了)?(?:共|共计)?$/u, units: ['条', '件', '份'], not: NOT_PROACTIVE, notSentence: SUB_SCOPE, notShare: true },
  // 主动公开了机构职能、政策法规、工作动态等内容57条: the list names the kinds, the count is their whole
  {
    key: 'proactive.total', before: /主动(?:公开|发布|公布)(?:了)?[^，。；]{1,40}?等(?:方面)?(?:的)?(?:内容|信息)(?:共|共计|合计)?$/u,
    units: ['条', '件', '份'], not: new RegExp(`${NOT_PROACTIVE.source}|其中`, 'u'), notSentence: SUB_SCOPE, notShare: true,
  },
  // loose wording counts only as the whole: not a part (其中涉及…公开信息9条), not one item of a list
  // (四是强化基层政务公开，…公开信息1654条), not in a sub-section on another topic (（四）开展政策解读工作情况…共公开发布信息82条)
  {
    key: 'proactive.total', weak: true,
    before: /(?:公开|公布|发布)(?:发布)?(?:了)?(?:各类|各项)?(?:政府|政务)?信息(?:共计|共|总数|合计)?(?:为|达)?/u,
    units: ['条', '件', '份'], not: new RegExp(`${NOT_PROACTIVE.source}|其中|涉及`, 'u'), notThrough: NEW_MEDIA_ONLY, notSentence: SUB_SCOPE, notShare: true,
    notInItem: true, notInSection: { kinds: ['response', 'requests', 'review_litigation', 'complaints', 'fees', 'organization', 'training'], unless: 'proactive' },
  },
  // the same loose wording with the kinds listed: 公开了机构职能、政策法规、工作动态等内容57条
  {
    key: 'proactive.total', weak: true, before: /(?:公开|公布)(?:发布)?(?:了)?[^，。；]{1,40}?等(?:方面)?(?:的)?(?:内容|信息)(?:共|共计|合计)?$/u,
    units: ['条', '件', '份'], not: new RegExp(`${NOT_PROACTIVE.source}|其中|涉及`, 'u'), notSentence: SUB_SCOPE, notShare: true,
    notInItem: true, notInSection: { kinds: ['response', 'requests', 'review_litigation', 'complaints', 'fees', 'organization', 'training'], unless: 'proactive' },
  },

  // ---- responses and interpretation (by_heads first: 主要负责同志参加在线访谈2期 ends where 在线访谈 does)
  { key: 'response.press_conferences.by_heads', before: /主要负责(?:同志|人)(?:参加|出席)(?:新闻发布会)?/u, units: ['次', '场'], context: { sentence: /发布会/u } },
  { key: 'response.online_interviews.by_heads', before: /主要负责(?:同志|人)(?:参加|出席)(?:[^，。；]{0,8}?访谈)?/u, units: ['次', '期', '场'], context: { sentence: /访谈/u } },
  { key: 'response.online_interviews', before: /在线访谈|网上访谈|访谈(?:节目|活动)?/u, units: ['次', '期', '场'] },
  { key: 'response.press_conferences', before: /新闻发布会/u, after: /^(?:政府信息公开|政务公开)?新闻发布会/u, units: ['次', '场'] },
  { key: 'response.interpretations', before: /(?:政策)?解读(?:信息|稿件|文章|材料)?(?:发布)?(?:共)?/u, units: ['篇', '条', '份'] },
  // 进行政策解读7次: 次 only right after the words (not 政策解读培训3次)
  { key: 'response.interpretations', before: /政策解读(?:共)?$/u, units: ['次'] },
  // 制作政策解读21个: 个 counts interpretations only when it closes the clause (not 解读专栏3个, 解读了5个领域)
  { key: null, before: /解读(?:专栏|栏目|专区|专题|平台|板块|频道|渠道)/u, units: ['个'] },
  { key: 'response.interpretations', before: /(?:政策)?解读(?:信息|稿件|文章|材料)?(?:共)?/u, units: ['个'], noNounAfter: true },
  { key: 'response.weibo_wechat', before: /微博微信回应(?:事件)?(?:数)?/u, units: ['次', '件', '条'] },
  { key: 'response.other', before: /其他方式回应(?:事件)?(?:数)?/u, units: ['次', '件', '条'] },
  { key: 'response.hotspots', before: /回应(?:社会|公众)?(?:关切|关注|热点|舆情)/u, units: ['次', '条', '件'] },

  // ---- requests
  { key: 'requests.received.online', before: /(?:网上|网络|在线|互联网)(?:提交|提出)?申请(?:数)?/u, units: ITEMS, context: REQ },
  { key: 'requests.received.in_person', before: /(?:当面|现场)(?:提交|提出)?申请(?:数)?/u, units: ITEMS, context: REQ },
  { key: 'requests.received.fax', before: /传真(?:提交|提出)?申请(?:数)?/u, units: ITEMS, context: REQ },
  { key: 'requests.received.email', before: /(?:电子邮件|电子邮箱|邮件)(?:提交|提出)?申请(?:数)?/u, units: ITEMS, context: REQ },
  { key: 'requests.received.letter', before: /(?:信函|邮寄|来信|邮政)(?:提交|提出)?申请(?:数)?/u, units: ITEMS, context: REQ },
  { key: 'requests.received.other', before: /其[他它](?:形式|方式)申请(?:数)?/u, units: ITEMS, context: REQ },
  { key: 'requests.outcome.partial', before: /(?:同意)?部分公开(?:答复)?(?:数)?/u, units: ITEMS, context: REQ_OUTCOME },
  { key: 'requests.outcome.granted', before: /(?<!不)(?:同意|予以)公开(?:答复)?(?:数)?/u, units: ITEMS, context: REQ_OUTCOME },
  { key: 'requests.outcome.already_public', before: /属于已主动公开(?:的)?(?:范围)?(?:数)?/u, units: ITEMS, context: REQ_OUTCOME },
  { key: 'requests.outcome.refused.total', before: /(?:不予|不同意|免于|免予|否决)公开(?:答复)?(?:数)?/u, units: ITEMS, context: REQ_OUTCOME },
  { key: 'requests.outcome.not_this_agency', before: /不属于本(?:行政)?机关(?:公开)?(?:范围)?/u, units: ITEMS, context: REQ_OUTCOME },
  { key: 'requests.outcome.not_exist', before: /(?:申请)?信息不存在/u, units: ITEMS, context: REQ_OUTCOME },
  { key: 'requests.outcome.total', before: /答复(?:总)?数/u, units: ITEMS, context: REQ_OUTCOME },
  { key: 'requests.closed.extended', before: /延期办结/u, units: ['件'], context: REQ },
  { key: 'requests.closed.on_time', before: /(?:按时|按期|在法定期限内)办结/u, units: ['件'], context: REQ },
  { key: 'requests.closed.total', before: /办结(?:了)?(?:申请)?/u, units: ['件'], context: { sentence: /申请/u }, not: /率/u },
  {
    key: 'requests.received.total',
    before: /(?:受理|收到|接到|接收)(?:了)?[^，。；]{0,14}?申请(?:数)?(?:共|总数)?(?:为)?|受理依申请(?:公开)?(?:政府信息)?|依申请公开(?:政府信息)?申请/u,
    units: ITEMS, context: DISCLOSURE, not: /复议|诉讼|留言/u,
  },
  { key: 'requests.received.total', before: /收到申请数|本年新收[^，。；]{0,12}?申请数量/u, units: ITEMS },
  // 依申请公开信息合计9件: a sum of requests (件), unlike 作为依申请公开信息数46条 (information so classified)
  { key: 'requests.received.total', before: /依申请公开(?:的)?(?:政府)?信息(?:申请)?(?:合计|共计|总计)$/u, units: ['件'], context: DISCLOSURE },
  // the 2019+ form's rows in prose, each right before its count: 无法提供217件（31.5%）, 其他处理6件, 需要另行制作的8件
  { key: 'requests.outcome.unable.total', before: /无法提供(?:的)?(?:共|为)?$/u, units: ['件'], context: REQ_OUTCOME, not: /因/u },
  { key: 'requests.outcome.not_processed.total', before: /不予处理(?:的)?(?:共|为)?$/u, units: ['件'], context: REQ_OUTCOME, not: /因/u },
  { key: 'requests.outcome.other.total', before: /其[他它]处理(?:的)?(?:共|为)?$/u, units: ['件'], context: REQ_OUTCOME, not: /因/u },
  { key: 't3.unable.needs_creation.total', before: /(?:没有现成信息)?需要另行制作(?:的)?(?:共|为)?$/u, units: ['件'], context: REQ_OUTCOME },
  { key: 't3.unable.not_held.total', before: /本机关不掌握(?:相关)?(?:的)?(?:政府)?信息(?:的)?(?:共|为)?$/u, units: ['件'], context: REQ_OUTCOME },
  // 转入下一年度办理2件, 结转下年度继续办理3件; 含上年度结转4件
  { key: 'requests.carried_forward', before: /(?:转入|结转(?:至|到)?)下一?年度?(?:继续)?(?:办理)?(?:的)?(?:共|为)?$/u, units: ['件'], context: REQ_OUTCOME },
  { key: 'requests.carried_over', before: /上一?年度?结转(?:的)?(?:申请)?(?:共|为)?$/u, units: ['件'], context: REQ_OUTCOME },
  // a bare 收到…件 is a request only where requests are the topic (not 问政平台…收到群众诉求348件 under a 总体情况 that also covers requests)
  {
    key: 'requests.received.total', before: /(?:共|累计)?(?:受理|收到|接到)(?:了)?/u, units: ITEMS,
    context: { sections: ['requests'], innermost: true }, not: /复议|诉讼|留言|诉求|信访|来信|来访|咨询|投诉|举报/u,
  },

  // ---- review, litigation, complaints
  { key: 'review.total', before: /行政复议(?:案件|申请|案)?(?:数量|数)?(?:共)?/u, after: /^[^，。；]{0,14}?行政复议/u, units: CASES },
  { key: 'litigation.total', before: /行政诉讼(?:案件|案)?(?:数量|数)?(?:共)?/u, after: /^[^，。；]{0,14}?行政诉讼/u, units: CASES },
  { key: 'complaints.total', before: /(?:投诉举报|举报投诉|行政申诉)(?:案件|数量|数)?/u, after: /^[^，。；]{0,10}?(?:投诉举报|举报投诉)/u, units: CASES },

  // ---- people and organisation
  // 专职人员2名; 2名专职人员, 2名人员兼职从事…: the number before the noun only where disclosure work is the topic (not 聘请2名兼职律师)
  { key: 'staff.fulltime', before: /专职(?:工作)?人员(?:共)?/u, units: PEOPLE },
  { key: 'staff.parttime', before: /兼职(?:工作)?人员(?:共)?/u, units: PEOPLE },
  { key: 'staff.fulltime', after: /^(?:的)?(?:工作)?(?:人员)?(?:专职|全职)/u, units: PEOPLE, context: STAFF },
  { key: 'staff.parttime', after: /^(?:的)?(?:工作)?(?:人员)?兼职/u, units: PEOPLE, context: STAFF },
  // 明确1名工作人员负责政府信息公开工作, 由1人专门负责此项工作 (in a sentence on disclosure work)
  { key: 'staff.total', after: /^(?:工作)?(?:人员)?(?:专门|具体)?(?:负责|从事)[^，。；]{0,12}?(?:信息公开|政务公开|此项工作|该项工作)/u, units: PEOPLE, context: { sentence: /信息公开|政务公开/u } },
  { key: 'staff.total', before: /从事[^，。；]{0,14}?人员(?:共)?(?:有)?|工作人员(?:共)?(?:有)?/u, units: PEOPLE, context: { sentence: /信息公开|政务公开/u, sections: ['organization'] } },
  { key: 'org.reading_points', before: /查阅(?:点|场所|室)/u, after: /^[^，。；]{0,10}?查阅(?:点|场所|室)/u, units: ['个', '处'] },
  { key: 'org.dedicated_units', before: /专门(?:工作)?机构/u, units: ['个'] },
  { key: 'budget.special_funds_wan_yuan', before: /专项经费/u, units: MONEY },

  // ---- training
  { key: 'training.trainees', before: /(?:参训|受训|参加培训|培训)(?:人员|人数)?(?:达|共|为)?|人数(?:达|共|为)?/u, after: /^[^，。；]{0,4}?(?:参加|参与|接受)(?:了)?[^，。；]{0,8}?(?:培训|学习)/u, units: [...PEOPLE, '人次'], context: { sentence: /培训|参训/u } },
  { key: 'training.sessions', before: /培训(?:班|会)?(?:共)?|举办[^，。；]{0,12}?培训(?:班)?/u, after: /^[^，。；]{0,8}?培训(?:班|会)?/u, units: TIMES },
  { key: 'training.meetings', before: /召开[^，。；]{0,20}(?:会议|专题会)(?:数)?/u, after: /^[^，。；]{0,10}?(?:会议|专题会)/u, units: ['次', '场'], context: { sentence: /信息公开|政务公开/u } },

  // ---- fees
  // 收取的费用 / 信息处理费 only: 产生的…费用1万元 is what disclosure cost the agency, not a fee charged
  { key: 'fees.amount_wan_yuan', before: /(?:收取|收费)(?:[^，。；]{0,12}?(?:费用|金额))?(?:共)?(?:为)?|信息处理费(?:共)?(?:为)?/u, units: MONEY, context: { sentence: /公开|申请|检索|复制|邮寄/u, sections: ['fees'] } },
];

/** Outcome parts of a review / litigation / complaints total (其中维持…、纠错…、驳回…). */
export const OUTCOME_PART_RULES: ReadonlyArray<readonly [string, RegExp]> = [
  ['pending', /尚未审结|未审结|正在审理/u],
  ['upheld', /维持/u],
  ['corrected', /纠错|纠正/u],
  ['other', /驳回|其[他它](?:情形|结果)/u],
];

/** Families whose 其中 parts are outcomes. */
export const OUTCOME_FAMILIES = ['review', 'litigation', 'complaints'] as const;
