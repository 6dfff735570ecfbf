export { validate } from './validate.stage.ts';
export { RULES, RULE_IDS, type RuleId, type RuleInfo } from './rules.catalogue.ts';
