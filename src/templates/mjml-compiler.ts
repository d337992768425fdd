import { Injectable } from '@nestjs/common';
import mjml2html from 'mjml';
import { TEMPLATES_ROOT } from './template-files';
import { TemplateException, TemplateProblem } from './template.exception';

/** Where the body (kind template or marketer MJML) sits in the full document, to report lines in its own terms. */
export interface BodyPosition {
  source: string;
  /** Document line of the body's first line, 1-based. */
  firstLine: number;
  lineCount: number;
  /** Added to body-relative lines (marketer MJML that had its own <mjml><mj-body> wrapper). */
  lineShift: number;
}

interface MjmlError {
  line: number;
  message: string;
  tagName?: string;
}

/**
 * The one place MJML runs. Includes are never resolved by MJML (the engine
 * expands the allowed ones before), minify is off (it needs cssnano), and any
 * validation error is a 422 with lines.
 */
@Injectable()
export class MjmlCompiler {
  /** How many documents MJML compiled in this process (the expensive step). */
  compiles = 0;

  async compile(document: string, body?: BodyPosition): Promise<string> {
    this.compiles++;
    let result: { html: string; errors: MjmlError[] };
    try {
      result = (await mjml2html(document, {
        validationLevel: 'soft',
        ignoreIncludes: true,
        keepComments: false,
        minify: false,
        beautify: false,
        fonts: {},
        // Never used to read: includes are ignored. MJML only insists that it exists.
        filePath: TEMPLATES_ROOT,
      })) as unknown as { html: string; errors: MjmlError[] };
    } catch (error) {
      throw new TemplateException('mjml_invalid', 'The MJML could not be compiled', [{ message: (error as Error).message }]);
    }
    if (result.errors.length > 0) {
      throw new TemplateException('mjml_invalid', 'The MJML is not valid', result.errors.map((e) => locate(e, body)));
    }
    return result.html;
  }
}

function locate(error: MjmlError, body: BodyPosition | undefined): TemplateProblem {
  const message = error.tagName ? `${error.message} (${error.tagName})` : error.message;
  if (body && error.line >= body.firstLine && error.line < body.firstLine + body.lineCount) {
    return { source: body.source, line: error.line - body.firstLine + 1 + body.lineShift, message };
  }
  return { source: 'layouts/base.mjml', line: error.line, message };
}

const TAG = /<(\/?)(mj-[a-z-]+)\b((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/gi;
export function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) line++;
  return line;
}

/** MJML's parser closes unclosed tags silently; for marketer MJML an unbalanced tag is an error with its line. */
export function checkTagBalance(source: string, sourceName: string): void {
  const stack: { name: string; index: number }[] = [];
  const problems: TemplateProblem[] = [];
  for (const match of source.matchAll(TAG)) {
    const [, closing, rawName, , selfClosing] = match;
    const name = rawName.toLowerCase();
    if (selfClosing) continue;
    if (!closing) {
      stack.push({ name, index: match.index });
      continue;
    }
    const open = stack.pop();
    if (!open) {
      problems.push({ source: sourceName, line: lineAt(source, match.index), message: `</${name}> closes a tag that was never opened` });
    } else if (open.name !== name) {
      problems.push({ source: sourceName, line: lineAt(source, match.index), message: `</${name}> found where </${open.name}> (opened on line ${lineAt(source, open.index)}) was expected` });
      break;
    }
  }
  if (problems.length === 0) {
    for (const open of stack) problems.push({ source: sourceName, line: lineAt(source, open.index), message: `<${open.name}> is never closed` });
  }
  if (problems.length) throw new TemplateException('mjml_invalid', 'The MJML is not valid', problems);
}
