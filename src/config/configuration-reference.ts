import { ENVIRONMENT_VARIABLES, VariableSpec } from './environment-variables';

function shownDefault(spec: VariableSpec): string {
  switch (spec.type) {
    case 'text':
      return spec.shownDefault;
    case 'integer':
      return spec.default === 0 && spec.min === 0 ? '`0`' : `\`${spec.default}\``;
    case 'seconds':
      return `\`${spec.default}\` s`;
    default:
      return `\`${spec.default}\``;
  }
}

function accepts(spec: VariableSpec): string {
  switch (spec.type) {
    case 'integer':
      return `whole number ${spec.min.toLocaleString('en')}–${spec.max.toLocaleString('en')}`;
    case 'seconds':
      return `seconds 0–${spec.max.toLocaleString('en')} (decimals allowed)`;
    case 'fraction':
      return 'fraction 0–1';
    case 'choice':
      return spec.choices.map((c) => `\`${c}\``).join(', ');
    case 'flag':
      return '`true` or `false`';
    case 'text':
      return spec.accepts;
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** docs/configuration.md, generated from the catalogue the loader uses (npm run docs:config). */
export function configurationReference(): string {
  const groups = new Map<string, string[]>();
  for (const [name, spec] of Object.entries(ENVIRONMENT_VARIABLES) as [string, VariableSpec][]) {
    const row = `| \`${name}\` | ${cell(shownDefault(spec))} | ${cell(accepts(spec))} | ${cell(spec.meaning)} |`;
    groups.set(spec.group, [...(groups.get(spec.group) ?? []), row]);
  }
  const sections = [...groups].map(
    ([group, rows]) =>
      `## ${group}\n\n| variable | default | accepts | meaning |\n|---|---|---|---|\n${rows.join('\n')}\n`,
  );
  return [
    '# Configuration',
    '',
    '<!-- Generated from src/config/environment-variables.ts by `npm run docs:config`; edit that file, not this one. -->',
    '',
    'valuemail reads its configuration from environment variables once at start. A bad value stops the process',
    'with one line naming the variable and what it accepts (exit code 78). An empty value means the default.',
    '',
    ...sections,
  ].join('\n');
}
