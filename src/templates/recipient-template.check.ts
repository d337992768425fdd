import Handlebars from 'handlebars';
import { BUILT_IN_HELPERS, RECIPIENT_HELPERS } from './template-helpers';
import { TemplateException, TemplateProblem } from './template.exception';

const ALLOWED = new Set<string>([...RECIPIENT_HELPERS, ...BUILT_IN_HELPERS]);
type Node = hbs.AST.Node & Record<string, unknown>;

/**
 * Parses a recipient-stage template and refuses, with lines, syntax errors,
 * partials, decorators and any helper outside the whitelist, so nothing
 * fails later in the middle of a send.
 */
export function checkRecipientTemplate(source: string, sourceName: string): void {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(source);
  } catch (error) {
    const message = (error as Error).message;
    const line = /line (\d+)/i.exec(message)?.[1];
    throw new TemplateException('handlebars_invalid', 'A {{…}} expression is broken', [
      { source: sourceName, line: line ? Number(line) : undefined, message: message.split('\n').slice(-1)[0] || message },
    ]);
  }
  const problems: TemplateProblem[] = [];
  const visit = (node: Node | undefined | null): void => {
    if (!node || typeof node !== 'object') return;
    const line = (node.loc as hbs.AST.SourceLocation | undefined)?.start.line;
    switch (node.type) {
      case 'PartialStatement':
      case 'PartialBlockStatement':
      case 'Decorator':
      case 'DecoratorBlock':
        problems.push({ source: sourceName, line, message: 'partials and decorators are not available here' });
        return;
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        const path = node.path as Node;
        const params = (node.params as Node[]) ?? [];
        const hash = node.hash as { pairs: { value: Node }[] } | undefined;
        const callsHelper = node.type === 'SubExpression' || params.length > 0 || (hash?.pairs.length ?? 0) > 0;
        const name = path.type === 'PathExpression' ? String(path.original) : '';
        if (callsHelper && !ALLOWED.has(name)) {
          problems.push({ source: sourceName, line, message: `unknown helper "${name || path.type}"; available: ${[...ALLOWED].join(', ')}` });
        }
        params.forEach(visit);
        hash?.pairs.forEach((pair) => visit(pair.value));
        visit(node.program as Node);
        visit(node.inverse as Node);
        return;
      }
      case 'Program':
        (node.body as Node[]).forEach(visit);
        return;
      default:
        return;
    }
  };
  visit(program as unknown as Node);
  if (problems.length) throw new TemplateException('unknown_helper', 'The template uses something that is not available', problems);
}
