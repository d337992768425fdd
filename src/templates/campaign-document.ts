import type Handlebars from 'handlebars';
import { CUSTOM_SOURCE, prepareCustomMjml } from './custom-mjml';
import type { BodyPosition } from './mjml-compiler';
import { lineAt } from './mjml-compiler';
import type { TemplateFiles, TemplateName } from './template-files';

export interface DocumentInput {
  /** A kind or system template, or marketer MJML (which then wins). */
  template: TemplateName;
  /** The kind's own template file, when it brings one. */
  templateFile?: string;
  customMjml: string | null;
  /** The campaign-stage context: brand, campaign, content and the kind's view data. */
  context: Record<string, unknown>;
  /** System mail (double opt-in): no view-in-browser, unsubscribe or tracking. */
  system: boolean;
}

export interface CampaignDocument {
  mjml: string;
  body: BodyPosition;
}

const BODY_MARKER = '\u0000valuemail-body\u0000';

/** The campaign stage: fills the layout and the body template with campaign data, leaving recipient expressions in place. */
export function buildCampaignDocument(files: TemplateFiles, env: typeof Handlebars, input: DocumentInput): CampaignDocument {
  const render = (source: string): string => env.compile(source, { strict: false })(input.context);
  let body: string;
  let source: string;
  let lineShift = 0;
  if (input.customMjml !== null && input.customMjml.trim() !== '') {
    const prepared = prepareCustomMjml(input.customMjml, files, render);
    body = prepared.body;
    lineShift = prepared.lineShift;
    source = CUSTOM_SOURCE;
  } else {
    body = render(files.template(input.template, input.templateFile));
    source = `${input.template}.mjml`;
  }
  // The body goes in after the layout is rendered, so marketer MJML never meets the campaign stage.
  const layout = env.compile(files.layout, { strict: false })({ ...input.context, system: input.system, body: BODY_MARKER });
  const at = layout.indexOf(BODY_MARKER);
  if (at === -1) throw new Error('layouts/base.mjml must contain {{{body}}}');
  const mjml = layout.slice(0, at) + body + layout.slice(at + BODY_MARKER.length);
  return { mjml, body: { source, firstLine: lineAt(layout, at), lineCount: body.split('\n').length, lineShift } };
}
