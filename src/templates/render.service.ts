import { Injectable, Logger, Optional } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { convert, HtmlToTextOptions } from 'html-to-text';
import type { AppConfig } from '../config/app-config';
import { InjectConfig } from '../config/config.module';
import { LocaleSources, resolveLocale } from '../i18n/locale';
import { Translator, translatorFor } from '../i18n/translator';
import { LinkTokenService } from '../links/link-token.service';
import { openPixelUrl, PUBLIC_PATHS, publicLink } from '../links/public-paths';
import { kindContent, KindRegistry } from '../kinds/kind-registry';
import { EffectiveSettings } from '../settings/effective-settings';
import { BrandSettings, DEFAULT_BRAND, resolveBrand } from './brand';
import { buildCampaignDocument } from './campaign-document';
import { MAX_MJML_BYTES } from './custom-mjml';
import { rewriteLinks, unescapeMustaches } from './link-rewriter';
import { MjmlCompiler } from './mjml-compiler';
import { checkRecipientTemplate } from './recipient-template.check';
import type { CompiledCampaign, CompiledTemplates, RecipientContext, RecipientTemplate, RenderableCampaign, RenderedMessage, RenderRecipient } from './render.types';
import { createCampaignEnvironment, createRecipientEnvironment, TOKEN_PLACEHOLDER } from './template-helpers';
import { TemplateFiles, TemplateName } from './template-files';
import { greetingNameOf } from '../audience/person-name';
import { TemplateException } from './template.exception';

export type { CompiledCampaign } from './render.types';

// Bump when the pipeline changes what it produces from the same input.
const PIPELINE_VERSION = 2;
export const MAX_OUTPUT_BYTES = 1024 * 1024;
const CACHE_SIZE = 200;
const SLOW_COMPILE_MS = 2000;

const TEXT_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    { selector: 'img', format: 'skip' },
    // The preheader: shown by inboxes next to the subject, noise in the text part.
    { selector: 'div[style*="display:none"]', format: 'skip' },
    { selector: 'a', options: { linkBrackets: ['[', ']'], hideLinkHrefIfSameAsText: true, noAnchorUrl: true } },
    // Uppercasing would also uppercase {{expressions}}.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
    { selector: 'table', format: 'block' },
    { selector: 'tr', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: 'td', format: 'block', options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
  ],
};

interface CompileInput {
  campaignId: number;
  template: TemplateName;
  templateFile?: string;
  customMjml: string | null;
  subject: string;
  preheader: string;
  /** Already resolved (resolveLocale): part of the cache key. */
  translator: Translator;
  brand: RenderableCampaign['brand'];
  content: Record<string, unknown>;
  view: (translator: Translator) => Record<string, unknown>;
  system: boolean;
  extraKey: unknown;
}

type CacheEntry = Omit<CompiledCampaign, 'campaignId'>;

/**
 * MJML runs once per distinct campaign (cached by content hash); each
 * recipient costs one token signature and three Handlebars calls.
 */
@Injectable()
export class RenderService {
  private readonly logger = new Logger(RenderService.name);
  private readonly cache = new Map<string, Promise<CacheEntry>>();
  private readonly publicUrl: string;
  private readonly defaultLocale: string;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly files: TemplateFiles,
    private readonly mjml: MjmlCompiler,
    private readonly tokens: LinkTokenService,
    private readonly kinds: KindRegistry,
    // Absent when built by hand (benches, unit tests): default brand, tracking on.
    @Optional() private readonly settings?: EffectiveSettings,
  ) {
    this.publicUrl = config.publicUrl;
    this.defaultLocale = config.defaultLocale;
  }

  compile(campaign: RenderableCampaign): Promise<CompiledCampaign> {
    const kind = this.kinds.get(campaign.kind);
    return this.compileInput({
      campaignId: campaign.id,
      template: kind.name,
      templateFile: kind.templateFile,
      customMjml: campaign.customMjml,
      subject: campaign.subject,
      preheader: campaign.preheader,
      translator: this.translator({ campaign: campaign.locale }),
      brand: campaign.brand,
      content: campaign.content,
      view: (translator) => kind.view?.(kindContent(campaign, kind), translator) ?? {},
      system: false,
      extraKey: campaign.kind,
    });
  }

  /** The double opt-in mail, in the subscriber's `locale`: same layout, no tracking; `confirmUrl` is a recipient value (kindData.confirmUrl or context). */
  compileConfirmation(input: { listName: string; locale: string; brand?: RenderableCampaign['brand']; subject?: string }): Promise<CompiledCampaign> {
    const translator = this.translator({ subscriber: input.locale });
    return this.compileInput({
      campaignId: 0,
      template: 'confirm-subscription',
      customMjml: null,
      subject: input.subject ?? translator.t('mail.confirm.subject', { list: input.listName }),
      preheader: translator.t('mail.confirm.preheader'),
      translator,
      brand: input.brand,
      content: {},
      view: () => ({ list: { name: input.listName } }),
      system: true,
      extraKey: input.listName,
    });
  }

  /** `recipient.campaignId` is accepted for callers of the interim renderer; the compiled campaign already knows its id. */
  render(compiled: CompiledCampaign, recipient: RenderRecipient & { campaignId?: number }, extra?: Record<string, unknown>): RenderedMessage {
    const campaignId = recipient.campaignId ?? compiled.campaignId;
    const token = this.tokens.sign({ campaignId, deliveryId: recipient.deliveryId, subscriberId: recipient.subscriber.id });
    const subscriber = { ...recipient.subscriber, firstName: greetingNameOf(recipient.subscriber), lastName: recipient.subscriber.lastName ?? '' };
    const context: RecipientContext = { ...extra, subscriber, kind: recipient.kindData ?? {}, _token: token };
    const html = compiled.templates.html(context);
    if (html.length > MAX_OUTPUT_BYTES) {
      throw new TemplateException('render_too_large', `The rendered email is larger than ${MAX_OUTPUT_BYTES / 1024} KB`);
    }
    let subject = compiled.templates.subject(context);
    // Recipient data may carry line breaks; a subject is one line.
    if (subject.includes('\n') || subject.includes('\r')) subject = subject.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    return {
      subject,
      html,
      text: compiled.templates.text(context),
      token,
      unsubscribeUrl: publicLink(this.publicUrl, PUBLIC_PATHS.unsubscribe, token),
    };
  }

  private translator(sources: LocaleSources): Translator {
    return translatorFor(resolveLocale(sources, this.defaultLocale));
  }

  private async compileInput(input: CompileInput): Promise<CompiledCampaign> {
    const locale = input.translator.locale;
    const stored = await this.storedSettings();
    // The brand in settings, with what the caller gives on top; part of the hash, so a changed brand compiles anew.
    const brand = resolveBrand({ ...stored.brand, ...definedOnly(input.brand) });
    const tracking = { open: stored.openTracking, click: stored.clickTracking };
    const hash = createHash('sha256')
      .update(
        JSON.stringify([PIPELINE_VERSION, this.files.fingerprint, this.publicUrl, input.template, input.customMjml, input.subject, input.preheader, locale, brand, tracking, input.content, input.system, input.extraKey]),
      )
      .digest('base64url');
    let entry = this.cache.get(hash);
    if (entry) {
      // Re-insert: the Map's order is the LRU order.
      this.cache.delete(hash);
      this.cache.set(hash, entry);
    } else {
      entry = this.build(input, brand, tracking, hash);
      this.cache.set(hash, entry);
      entry.catch(() => this.cache.delete(hash));
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    }
    return { ...(await entry), campaignId: input.campaignId };
  }

  private async storedSettings(): Promise<{ brand: BrandSettings; openTracking: boolean; clickTracking: boolean }> {
    if (!this.settings) return { brand: DEFAULT_BRAND, openTracking: true, clickTracking: true };
    const [brand, tracking] = await Promise.all([this.settings.brand(), this.settings.tracking()]);
    return { brand, openTracking: tracking.openTracking, clickTracking: tracking.clickTracking };
  }

  private async build(input: CompileInput, brand: BrandSettings, tracking: { open: boolean; click: boolean }, hash: string): Promise<CacheEntry> {
    const started = performance.now();
    const { translator } = input;
    const locale = translator.locale;
    const campaignEnv = createCampaignEnvironment(translator, this.publicUrl, this.files.partials, this.kinds.actionLinks());
    const context = {
      brand,
      campaign: { subject: input.subject, preheader: input.preheader, lang: locale },
      content: input.content,
      ...input.view(translator),
    };
    const document = buildCampaignDocument(this.files, campaignEnv, { template: input.template, templateFile: input.templateFile, customMjml: input.customMjml, context, system: input.system });
    if (Buffer.byteLength(document.mjml, 'utf8') > MAX_MJML_BYTES) {
      throw new TemplateException('template_too_large', `The email is larger than ${MAX_MJML_BYTES / 1024} KB of MJML`);
    }
    const compiledHtml = await this.mjml.compile(document.mjml, document.body);
    const { html: linked, links } = input.system || !tracking.click ? { html: compiledHtml, links: [] } : rewriteLinks(compiledHtml, this.publicUrl);
    const textSource = convert(linked, TEXT_OPTIONS).trim() + '\n';
    const pixel = input.system || !tracking.open ? '' : `<img src="${openPixelUrl(this.publicUrl, TOKEN_PLACEHOLDER)}" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0" />`;
    const htmlSource = injectBeforeBodyEnd(unescapeMustaches(linked), pixel);
    checkRecipientTemplate(input.subject, 'subject');
    checkRecipientTemplate(htmlSource, 'html (from content fields)');
    const recipientEnv = createRecipientEnvironment(translator.format, this.publicUrl, this.kinds.actionLinks());
    const compile = (source: string, noEscape: boolean) => recipientEnv.compile<RecipientContext>(source, { strict: false, noEscape });
    const subjectSource = input.subject.replace(/\s+/g, ' ').trim();
    // Most subjects are not personalised: no Handlebars call for them.
    const subject: RecipientTemplate = subjectSource.includes('{{') ? compile(subjectSource, true) : () => subjectSource;
    const templates: CompiledTemplates = { subject, html: compile(htmlSource, false), text: compile(textSource, true) };
    // Handlebars compiles lazily: do it now, on a sample, so a broken template fails here and not mid-send.
    const sample: RecipientContext = { subscriber: { id: 0, email: 'sample@example.com', name: 'Sample', firstName: 'Sample', lastName: '', attributes: {} }, kind: {}, _token: 'sample' };
    try {
      templates.subject(sample);
      templates.text(sample);
      if (templates.html(sample).length > MAX_OUTPUT_BYTES) throw new TemplateException('render_too_large', `The rendered email is larger than ${MAX_OUTPUT_BYTES / 1024} KB`);
    } catch (error) {
      if (error instanceof TemplateException) throw error;
      throw new TemplateException('handlebars_invalid', 'A {{…}} expression cannot be rendered', [{ message: (error as Error).message }]);
    }
    const ms = performance.now() - started;
    if (ms > SLOW_COMPILE_MS) this.logger.warn(`compiling ${input.template} took ${Math.round(ms)} ms`);
    return { hash, locale, links, htmlSource, textSource, templates };
  }
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>;
}

function injectBeforeBodyEnd(html: string, fragment: string): string {
  if (!fragment) return html;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? html + fragment : html.slice(0, at) + fragment + html.slice(at);
}
