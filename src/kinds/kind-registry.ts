import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { registerDecorator, validateSync } from 'class-validator';
import type { Campaign } from '../campaigns/campaign.entity';
import { ActionLink, PUBLIC_PATHS, SYSTEM_ACTION_LINKS } from '../links/public-paths';
import { flattenValidationErrors } from '../common/validation.pipe';
import type { CampaignKindDefinition, KindBasics, KindCampaign } from './kind-definition';

/** Marks a provider as a campaign kind definition; the KindRegistry finds every one. */
export const CampaignKindPlugin = DiscoveryService.createDecorator<void>();

export interface ContentFieldProblem {
  field: string;
  problems: string[];
}

export type KindContentValidation<C extends object = object> =
  { ok: true; value: C } | { ok: false; errors: ContentFieldProblem[] };

// The names the last loaded registry knows, for the `kind` field of request DTOs (validated before any service runs).
let knownKindNames: readonly string[] = [];

/** The one cast of a campaign's content: stored content was validated against this kind's schema when written. */
export function kindContent<C extends object>(
  campaign: Pick<Campaign, 'kind' | 'content'>,
  kind: KindBasics<C> | string,
): C {
  const name = typeof kind === 'string' ? kind : kind.name;
  if (campaign.kind !== name) throw new Error(`a ${campaign.kind} campaign read as ${name}`);
  return campaign.content as object as C;
}

/** Validates a campaign's `content` against its kind's schema; unknown fields are refused by name. */
export function validateContent<C extends object>(
  kind: { content: { type: new () => object } },
  content: unknown,
): KindContentValidation<C> {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    return { ok: false, errors: [{ field: 'content', problems: ['content must be an object'] }] };
  }
  const instance = plainToInstance(kind.content.type, content);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) return { ok: false, errors: flattenValidationErrors(errors, 'content') };
  // A plain copy: templates see data, never class instances.
  return { ok: true, value: JSON.parse(JSON.stringify(instance)) as C };
}

/** The providers marked @CampaignKindPlugin(), once Nest has built them. */
export function discoverKinds(discovery: DiscoveryService): CampaignKindDefinition[] {
  return discovery
    .getProviders({ metadataKey: CampaignKindPlugin.KEY })
    .map((wrapper) => wrapper.instance as CampaignKindDefinition | undefined)
    .filter((kind): kind is CampaignKindDefinition => kind !== undefined);
}

/** Every campaign kind of this process (KindRegistryModule finds them among the providers). */
@Injectable()
export class KindRegistry implements OnApplicationBootstrap {
  private kinds?: Map<string, CampaignKindDefinition>;
  private links?: Map<string, ActionLink>;

  // Read on first use: the kinds' providers are built after the registry.
  constructor(private readonly source: () => CampaignKindDefinition[]) {}

  onApplicationBootstrap(): void {
    this.load();
  }

  names(): string[] {
    return [...this.load().keys()];
  }

  all(): CampaignKindDefinition[] {
    return [...this.load().values()];
  }

  has(name: string): boolean {
    return this.load().has(name);
  }

  get(name: string): CampaignKindDefinition {
    const kind = this.load().get(name);
    if (!kind) throw new Error(`no campaign kind "${name}" is registered`);
    return kind;
  }

  /** The pages a template may `link` to: the engine's own, then the kinds'. */
  actionLinks(): ReadonlyMap<string, ActionLink> {
    this.load();
    return this.links!;
  }

  /** The first path segments of every public page a mail links to (page hits, the web app's fallback). */
  publicPaths(): string[] {
    return [
      ...Object.values(PUBLIC_PATHS),
      ...this.all().flatMap((kind) => (kind.publicLinks ?? []).map((link) => link.path)),
    ];
  }

  /** What previews show where fan-out would put per-recipient data: every kind's sample values. */
  previewKindData(): Record<string, unknown> {
    return Object.assign({}, ...this.all().map((kind) => kind.previewKindData ?? {})) as Record<string, unknown>;
  }

  /** The campaign's kind with its content typed for it. */
  of(campaign: Campaign): { kind: CampaignKindDefinition; target: KindCampaign<object> } {
    const kind = this.get(campaign.kind);
    return { kind, target: { campaign, content: kindContent(campaign, kind) } };
  }

  /** Validates content for `name`, refusing a kind nobody registered. */
  validate(name: string, content: unknown): KindContentValidation<Record<string, unknown>> {
    const kind = this.load().get(name);
    if (!kind) return { ok: false, errors: [{ field: 'kind', problems: [unknownKindMessage()] }] };
    return validateContent(kind, content);
  }

  private load(): Map<string, CampaignKindDefinition> {
    if (this.kinds) return this.kinds;
    const kinds = new Map<string, CampaignKindDefinition>();
    for (const kind of this.source()) {
      // Start-up refuses two kinds of one name, like two handlers of one job.
      if (kinds.has(kind.name)) throw new Error(`Two campaign kinds are named "${kind.name}"`);
      kinds.set(kind.name, kind);
    }
    const links = new Map<string, ActionLink>(Object.entries(SYSTEM_ACTION_LINKS));
    const paths = new Set<string>(Object.values(PUBLIC_PATHS));
    for (const kind of kinds.values()) {
      for (const { name, path, segment } of kind.publicLinks ?? []) {
        if (links.has(name) || paths.has(path))
          throw new Error(`The ${kind.name} kind's page "${name}" (/${path}) clashes with another page`);
        links.set(name, { path, segment });
        paths.add(path);
      }
    }
    this.kinds = kinds;
    this.links = links;
    knownKindNames = [...kinds.keys()];
    return kinds;
  }
}

const unknownKindMessage = (): string => `kind must be one of ${knownKindNames.join(', ')}`;

/** A `kind` field of a request: one of the registered kinds. */
export function IsCampaignKind(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCampaignKind',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: unknownKindMessage },
      validator: { validate: (value: unknown) => typeof value === 'string' && knownKindNames.includes(value) },
    });
}
