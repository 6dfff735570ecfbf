import { basename } from 'node:path';

/** Partial downloads, editor swap files, hidden files: never reports. */
const TEMP = [/^\./, /^~\$/, /~$/, /\.(tmp|temp|part|partial|crdownload|download|swp|swx|lock)$/i, /^#.*#$/];

export function isIgnoredName(path: string): boolean {
  const name = basename(path);
  return TEMP.some((re) => re.test(name));
}
