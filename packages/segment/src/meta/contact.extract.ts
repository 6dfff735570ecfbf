/** Contact details the report gives (usually in its opening paragraph). */
import type { Contact, LabelledSpan } from '@gongkai/core';

const PHONE = /(?:联系电话|咨询电话|电\s*话(?:\s*\/\s*传\s*真)?)\s*[:：]?\s*((?:\(?0\d{2,3}\)?[-－—\s]?)?\d{7,8}(?:[-－—]\d{1,4})?)/;
// (?<!…): a match starts where a run of address characters starts, never inside one, so a long run
// without an @ (a line of digits) is tried once, not once per character (same matches, linear time)
const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9._%+-]+\s*[@＠]\s*[A-Za-z0-9.-]+\.[A-Za-z]{2,})/;
const POSTCODE = /邮\s*(?:政\s*)?编\s*(?:码)?\s*[:：]?\s*(\d{6})(?!\d)/;
const WEBSITE = /((?:https?:\/\/)?www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/;
const ADDRESS = /(?:联系)?地\s*址\s*[:：]\s*([^；;，,）)\n。]{4,60}?)(?=\s*(?:邮\s*编|电\s*话|传\s*真|电子邮|[；;，,）)\n。]|$))/;

export interface ContactResult {
  contact: Contact;
  spans: LabelledSpan[];
}

/** Contact fields in text[start, end) (the first occurrence of each). */
export function extractContact(text: string, start: number, end: number): ContactResult {
  const slice = text.slice(start, end);
  const contact: Contact = {};
  const spans: LabelledSpan[] = [];
  const take = (re: RegExp, key: keyof Contact, clean: (s: string) => string = (s) => s.trim()) => {
    const m = re.exec(slice);
    if (!m?.[1]) return;
    contact[key] = clean(m[1]);
    const at = start + m.index + m[0].indexOf(m[1]);
    spans.push({ label: 'contact', start: at, end: at + m[1].length, text: m[1] });
  };
  take(PHONE, 'phone', (s) => s.replace(/[－—]/g, '-').replace(/\s+/g, ''));
  take(EMAIL, 'email', (s) => s.replace(/\s+/g, '').replace('＠', '@'));
  take(POSTCODE, 'postcode');
  take(WEBSITE, 'website');
  take(ADDRESS, 'address', (s) => s.replace(/\s+/g, '').replace(/[（(]$/, ''));
  return { contact, spans };
}
