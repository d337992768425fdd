import { DomainException } from '../common/domain.exception';
import { fieldProblemsText } from '../common/validation.pipe';

export type TemplateErrorCode =
  | 'mjml_invalid'
  | 'include_refused'
  | 'handlebars_invalid'
  | 'unknown_helper'
  | 'template_too_large'
  | 'render_too_large'
  | 'invalid_content';

/** Where a template problem is: `source` names the file or "customMjml"; lines are 1-based in that source. */
export interface TemplateProblem {
  line?: number;
  source?: string;
  message: string;
}

export class TemplateException extends DomainException<TemplateErrorCode> {
  constructor(code: TemplateErrorCode, message: string, readonly problems: TemplateProblem[] = [], status: 400 | 422 = 422) {
    super(code, problems.length ? `${message}: ${problems.map(describe).join('; ')}` : message, status, problems.length ? { problems } : undefined);
  }
}

function describe(p: TemplateProblem): string {
  const where = [p.source, p.line !== undefined ? `line ${p.line}` : undefined].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

export interface ContentFieldProblems {
  field: string;
  problems: string[];
}

/** Kind content that fails its schema: 400 naming each field, like the validation pipe. */
export class InvalidContentException extends DomainException<'invalid_content'> {
  constructor(kind: string, errors: ContentFieldProblems[]) {
    super('invalid_content', `The content is not valid for a ${kind} campaign: ${fieldProblemsText(errors)}`, 400, errors);
  }
}
