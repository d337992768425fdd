import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { basename, isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import { TemplateException } from './template.exception';

/** A kind's name (templates/<kind>.mjml) or a system template's. */
export type TemplateName = string;

// Same depth from src/templates and dist/templates.
export const TEMPLATES_ROOT = resolve(__dirname, '..', '..', 'templates');

/**
 * The template folder, read once: the layout, the kind templates and the
 * partials. The only code that reads template files, and it never leaves the folder.
 */
@Injectable()
export class TemplateFiles {
  readonly root: string;
  readonly layout: string;
  readonly partials: Record<string, string>;
  /** Changes whenever any template file changes: part of every compile cache key. */
  readonly fingerprint: string;
  private readonly templates = new Map<string, string>();

  constructor(root: string = TEMPLATES_ROOT) {
    this.root = realpathSync(root);
    const hash = createHash('sha256');
    const read = (rel: string): string => {
      const text = readFileSync(join(this.root, rel), 'utf8');
      hash.update(rel).update('\0').update(text).update('\0');
      return text;
    };
    this.layout = read('layouts/base.mjml');
    this.partials = {};
    for (const file of readdirSync(join(this.root, 'partials')).filter((f) => f.endsWith('.mjml')).sort()) {
      this.partials[basename(file, '.mjml')] = read(`partials/${file}`);
    }
    for (const file of readdirSync(this.root).filter((f) => f.endsWith('.mjml')).sort()) {
      this.templates.set(basename(file, '.mjml'), read(file));
    }
    this.fingerprint = hash.digest('hex');
  }

  /** templates/<name>.mjml, or the file a kind brings along (an absolute path, read once). */
  template(name: TemplateName, file?: string): string {
    if (file !== undefined) {
      const key = `file:${file}`;
      if (!this.templates.has(key)) this.templates.set(key, readFileSync(file, 'utf8'));
      return this.templates.get(key)!;
    }
    const source = this.templates.get(name);
    if (source === undefined) throw new Error(`templates/${name}.mjml is missing`);
    return source;
  }

  /**
   * Reads a marketer's `mj-include` target: a relative .mjml path that stays
   * inside the template folder (also after symlinks), or a 422.
   */
  readInclude(path: string, line: number): string {
    const refuse = (why: string): never => {
      throw new TemplateException('include_refused', 'mj-include refused', [{ source: 'customMjml', line, message: `"${path}" ${why}` }]);
    };
    if (!path || path.includes('\0') || isAbsolute(path) || /^[a-z]+:/i.test(path) || path.includes('\\')) refuse('must be a relative path inside templates/');
    const normalised = posix.normalize(path);
    if (normalised.startsWith('..')) refuse('is outside templates/');
    if (!normalised.endsWith('.mjml')) refuse('is not an .mjml file');
    const target = resolve(this.root, normalised);
    if (!inside(this.root, target)) refuse('is outside templates/');
    if (!existsSync(target)) refuse('does not exist in templates/');
    if (!inside(this.root, realpathSync(target))) refuse('is outside templates/');
    return readFileSync(target, 'utf8');
  }
}

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) && !rel.split(sep).includes('..');
}
