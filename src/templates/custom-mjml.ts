import { checkTagBalance, lineAt } from './mjml-compiler';
import { checkRecipientTemplate } from './recipient-template.check';
import type { TemplateFiles } from './template-files';
import { TemplateException } from './template.exception';

export const MAX_MJML_BYTES = 512 * 1024;
export const CUSTOM_SOURCE = 'customMjml';

export interface PreparedCustomMjml {
  body: string;
  /** Lines of the marketer's source before the body (when it came with its own <mjml><mj-body>). */
  lineShift: number;
}

const INCLUDE = /<mj-include\b((?:[^>"']|"[^"]*"|'[^']*')*?)\/?>(?:\s*<\/mj-include\s*>)?/gi;

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(attributes);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * Checks a marketer's MJML body and resolves its includes ourselves (CVE-2025-67898:
 * MJML's own resolution could read any file): only .mjml files inside
 * templates/, rendered by the campaign stage, on one line so later line numbers hold.
 */
export function prepareCustomMjml(source: string, files: TemplateFiles, renderPartial: (source: string) => string): PreparedCustomMjml {
  if (Buffer.byteLength(source, 'utf8') > MAX_MJML_BYTES) {
    throw new TemplateException('template_too_large', `customMjml is larger than ${MAX_MJML_BYTES / 1024} KB`);
  }
  checkTagBalance(source, CUSTOM_SOURCE);
  checkRecipientTemplate(source, CUSTOM_SOURCE);
  let body = source;
  let lineShift = 0;
  const open = /<mj-body\b[^>]*>/i.exec(source);
  if (open) {
    const start = open.index + open[0].length;
    const end = source.search(/<\/mj-body\s*>/i);
    body = source.slice(start, end === -1 ? undefined : end);
    lineShift = lineAt(source, start) - 1;
  }
  const expanded = body.replace(INCLUDE, (_whole, attributes: string, offset: number) => {
    const line = lineAt(body, offset) + lineShift;
    const path = attribute(attributes, 'path') ?? '';
    const type = attribute(attributes, 'type');
    if (type !== undefined && type !== 'mjml') {
      throw new TemplateException('include_refused', 'mj-include refused', [{ source: CUSTOM_SOURCE, line, message: `type="${type}" includes are not supported; put CSS in <mj-style>` }]);
    }
    return renderPartial(files.readInclude(path, line)).replace(/\s*\r?\n\s*/g, ' ');
  });
  if (/<mj-include\b/i.test(expanded)) {
    throw new TemplateException('include_refused', 'mj-include refused', [{ source: CUSTOM_SOURCE, message: 'an included file may not include others' }]);
  }
  return { body: expanded, lineShift };
}
