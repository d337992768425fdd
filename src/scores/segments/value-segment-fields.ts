import { Injectable, OnModuleInit } from '@nestjs/common';
import {
  CompileContext,
  FieldDefinition,
  registerSegmentField,
  registerSegmentFieldPrefix,
} from '../../audience/segments/segment-fields';
import type { Condition, Scalar } from '../../audience/segments/segment-filter';
import { Clock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { InjectConfig } from '../../config/config.module';
import { LIVE_TABLES } from '../profile/profile-store';
import {
  anchorBound,
  halfLifeOf,
  normaliseTopic,
  SCORE_NAMES,
  ScoreName,
  TRIAL_STATUSES,
} from '../profile/value-profile';
import { NpsClass } from '../value-model';
import { Bound, scoreCondition } from './score-threshold';

const P = LIVE_TABLES.profiles;
const I = LIVE_TABLES.interests;
const NPS_CLASSES: readonly NpsClass[] = ['promoter', 'passive', 'detractor'];
// Topics are free text in knowledge content; the field name carries them after "interest.".
const TOPIC_KEY = /^[\p{L}\p{N}_ .&'-]{1,60}$/u;

const inProfiles = (where: string) => `s.id IN (SELECT subscriber_id FROM ${P} WHERE ${where})`;
const notInProfiles = (where: string) => `s.id NOT IN (SELECT subscriber_id FROM ${P} WHERE ${where})`;

function numberCheck(min: number, max: number): FieldDefinition['check'] {
  return ({ op, value }) => {
    if (op === 'exists') return undefined;
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => typeof v !== 'number' || v < min || v > max);
    return bad === undefined ? undefined : `expected a number from ${min} to ${max}, got ${JSON.stringify(bad)}`;
  };
}

function choiceCheck(allowed: readonly string[]): FieldDefinition['check'] {
  return ({ op, value }) => {
    if (op === 'exists') return undefined;
    const values = Array.isArray(value) ? value : [value];
    const bad = values.find((v) => !allowed.includes(v as string));
    return bad === undefined ? undefined : `unknown value ${JSON.stringify(bad)} (use ${allowed.join(', ')})`;
  };
}

const SQL_OP: Record<'eq' | 'neq' | 'gt' | 'lt', string> = { eq: '=', neq: '<>', gt: '>', lt: '<' };
const compare = (op: string, a: number, b: number) =>
  op === 'eq' ? a === b : op === 'neq' ? a !== b : op === 'gt' ? a > b : a < b;

/**
 * A number column of the profile. `missingAs` is what a subscriber without a
 * profile (or an answer) has: 0 for LTV and points, nothing for an NPS or CSAT
 * answer (then only "exists false" and "neq" select them, like a missing attribute).
 */
function profileNumber(column: string, min: number, max: number, missingAs: number | null): FieldDefinition {
  return {
    ops: missingAs === null ? ['eq', 'neq', 'gt', 'lt', 'in', 'exists'] : ['eq', 'neq', 'gt', 'lt'],
    check: numberCheck(min, max),
    compile: ({ op, value }, ctx) => {
      if (op === 'exists')
        return value === false ? notInProfiles(`${column} IS NOT NULL`) : inProfiles(`${column} IS NOT NULL`);
      if (op === 'in') return inProfiles(`${column} IN ${ctx.bindList(value as Scalar[])}`);
      const o = op as keyof typeof SQL_OP;
      if (missingAs === null)
        return o === 'neq'
          ? notInProfiles(`${column} = ${ctx.bind(value)}`)
          : inProfiles(`${column} ${SQL_OP[o]} ${ctx.bind(value)}`);
      // The subscribers without a row match exactly when the missing value does.
      const negated: Record<typeof o, string> = { eq: '<>', neq: '=', gt: '<=', lt: '>=' };
      return compare(o, missingAs, value as number)
        ? notInProfiles(`${column} ${negated[o]} ${ctx.bind(value)}`)
        : inProfiles(`${column} ${SQL_OP[o]} ${ctx.bind(value)}`);
    },
  };
}

/** A class column with a value for "no profile" (trial: none) or none (NPS class). */
function profileClass(column: string, allowed: readonly string[], missingAs: string | null): FieldDefinition {
  return {
    ops: missingAs === null ? ['eq', 'neq', 'in', 'exists'] : ['eq', 'neq', 'in'],
    check: choiceCheck(allowed),
    compile: ({ op, value }, ctx) => {
      if (op === 'exists')
        return value === false ? notInProfiles(`${column} IS NOT NULL`) : inProfiles(`${column} IS NOT NULL`);
      const values = (Array.isArray(value) ? value : [value]).map(String);
      const matchesMissing = missingAs !== null && values.includes(missingAs);
      const list = ctx.bindList(values);
      if (op === 'neq')
        return matchesMissing ? inProfiles(`${column} NOT IN ${list}`) : notInProfiles(`${column} IN ${list}`);
      return matchesMissing ? notInProfiles(`${column} NOT IN ${list}`) : inProfiles(`${column} IN ${list}`);
    },
  };
}

/** Segment fields over value profiles; registered with the clock and settings, since scores decay with "now". */
@Injectable()
export class ValueSegmentFields implements OnModuleInit {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    for (const name of SCORE_NAMES) registerSegmentField(`value.${name}`, this.scoreField(name));
    registerSegmentField('nps.class', profileClass('nps_class', NPS_CLASSES, null));
    registerSegmentField('nps.score', profileNumber('nps_score', 0, 10, null));
    registerSegmentField('csat', profileNumber('csat_score', 1, 5, null));
    registerSegmentField('ltv', profileNumber('ltv', 0, 1e12, 0));
    registerSegmentField('loyalty.balance', profileNumber('loyalty_balance', -1e12, 1e12, 0));
    registerSegmentField('trial.status', profileClass('trial_status', TRIAL_STATUSES, 'none'));
    registerSegmentFieldPrefix('interest.', this.interestField(), TOPIC_KEY);
  }

  /** value.<score> gt/lt/eq/neq 0–100 at now, through the stored anchors. */
  private scoreField(name: ScoreName): FieldDefinition {
    const column = `${name}_anchor`;
    const h = halfLifeOf(name, this.config.scores);
    const sql = (bound: Bound, ctx: CompileContext): string => {
      if (bound.kind === 'all') return '1 = 1';
      if (bound.kind === 'none') return '1 = 0';
      return inProfiles(`${column} >= ${ctx.bind(anchorBound(bound.sum, this.clock.now().getTime(), h))}`);
    };
    return {
      ops: ['gt', 'lt', 'eq', 'neq'],
      check: numberCheck(0, 100),
      compile: ({ op, value }: Condition, ctx) => {
        const condition = scoreCondition(op === 'neq' ? 'eq' : (op as 'gt' | 'lt' | 'eq'), value as number);
        const expr = `(${sql(condition.include, ctx)} AND NOT (${sql(condition.exclude, ctx)}))`;
        return op === 'neq' ? `NOT ${expr}` : expr;
      },
    };
  }

  /** interest.<topic> exists, or gt/lt a decayed number of clicks at now. */
  private interestField(): FieldDefinition {
    const h = this.config.scores.interestHalfLifeDays;
    const inInterests = (ctx: CompileContext, topic: string, extra = '') =>
      `s.id IN (SELECT subscriber_id FROM ${I} WHERE topic = ${ctx.bind(normaliseTopic(topic))}${extra})`;
    return {
      ops: ['exists', 'gt', 'lt'],
      check: ({ op, value }) =>
        op === 'exists' || (typeof value === 'number' && value >= 0)
          ? undefined
          : `expected a number of clicks of 0 or more, got ${JSON.stringify(value)}`,
      compile: ({ op, value }, ctx, key) => {
        const topic = key!;
        if (op === 'exists') return value === false ? `NOT ${inInterests(ctx, topic)}` : inInterests(ctx, topic);
        const x = value as number;
        if (x <= 0) return op === 'gt' ? inInterests(ctx, topic) : '1 = 0';
        const bound = ctx.bind(anchorBound(x, this.clock.now().getTime(), h));
        return op === 'gt'
          ? inInterests(ctx, topic, ` AND interest_anchor > ${bound}`)
          : `NOT ${inInterests(ctx, topic, ` AND interest_anchor >= ${bound}`)}`;
      },
    };
  }
}
