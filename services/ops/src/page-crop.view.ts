import type { Evidence } from '@gongkai/core';
import { escapeHtml as e } from './evidence.highlight.ts';
import { cropUrl } from './page-crop.route.ts';

/** An OCR'd figure's evidence: the cropped region of its page image (page-crop.route.ts), beside its quote; '' for text. */
export function pageCrop(reportId: string, ev: Evidence): string {
  if (ev.page === undefined || !ev.box) return '';
  const doubt = ev.ocrUncertain ? ' · <strong class="err">OCR unsure</strong>' : '';
  return `<figure class="crop" style="margin:4px 0"><img src="${e(cropUrl(reportId, ev.page, ev.box))}" alt="page ${ev.page}" loading="lazy"
 style="display:block;max-width:100%;max-height:160px;border:1px solid #ccd;background:#fff"><figcaption class="meta" style="font-size:11px">page ${ev.page}${doubt}</figcaption></figure>`;
}
