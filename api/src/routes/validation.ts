import { zValidator } from '@hono/zod-validator';
import type { ZodType, core } from 'zod';
import { ApiError } from '../errors.js';
import { fieldWords, typeWords, validation as t, type ValueWords } from '../messages/validation.js';

type Target = 'query' | 'param' | 'json' | 'form';
type Issue = core.$ZodIssue;
type Path = readonly PropertyKey[];

/** An issue's path as written in a request: `breaksMin[1]`, `sources[0].communeCode`. */
export function fieldPath(path: Path, target: string): string {
  if (!path.length) return t.wholeTarget[target] ?? target;
  return path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
}

/** The value the request gave at `path` (zod v4 does not report it by default). */
function inputAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k as string];
  }
  return v;
}

/** What the value at `path` must be, in words: the field's own words, or its list's element words. */
function wordsAt(path: Path, fallback: ValueWords): ValueWords {
  const last = path.at(-1);
  if (typeof last === 'number') {
    const list = path.at(-2);
    return (typeof list === 'string' && fieldWords[list]?.item) || fallback;
  }
  return (typeof last === 'string' && fieldWords[last]?.value) || fallback;
}

/** zod's own English message for an issue with no custom message (compared to keep authors' custom messages). */
const DEFAULT_MESSAGE = /^Invalid (input|option|element|key)/;

/** One zod issue in French, naming the field as the request wrote it. */
export function frenchIssueMessage(issue: Issue, input: unknown, target: string): string {
  const field = fieldPath(issue.path, target);
  const given = inputAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type': {
      const words = wordsAt(issue.path, typeWords(issue.expected));
      return given === undefined || given === null || given === '' ? t.missing(field, words) : t.notA(field, given, words);
    }
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'bigint') return t.tooSmallNumber(field, given, Number(issue.minimum), issue.inclusive ?? true);
      if (issue.origin === 'array' || issue.origin === 'set') return t.tooFewItems(field, Number(issue.minimum));
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? t.emptyText(field) : t.tooShortText(field, Number(issue.minimum));
      return t.invalid(field);
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'bigint') return t.tooBigNumber(field, given, Number(issue.maximum), issue.inclusive ?? true);
      if (issue.origin === 'array' || issue.origin === 'set') return t.tooManyItems(field, Number(issue.maximum), Array.isArray(given) ? given.length : undefined);
      if (issue.origin === 'string') return t.tooLongText(field, Number(issue.maximum));
      return t.invalid(field);
    case 'invalid_format':
      return t.notA(field, given, wordsAt(issue.path, { what: 'au format attendu' }));
    case 'invalid_value':
      return t.notOneOf(field, given, issue.values as unknown[]);
    case 'unrecognized_keys':
      return t.unknownFields(field, issue.keys);
    case 'not_multiple_of':
      return t.notMultipleOf(field, Number(issue.divisor));
    case 'custom':
      // a refine's message, written in French by the schema's author
      return `${field} : ${issue.message}`;
    default: {
      // unions and the rest: the schema's own (French) message when it has one, else what the field must be
      if (issue.message && !DEFAULT_MESSAGE.test(issue.message)) return `${field} : ${issue.message}`;
      const words = wordsAt(issue.path, { what: 'une valeur valide', feminine: true });
      return given === undefined ? t.missing(field, words) : t.notA(field, given, words);
    }
  }
}

/** 400 VALIDATION_FAILED in French: `details` keeps each issue's dotted path (`field`) with its French message. */
export function validationError(issues: readonly Issue[], input: unknown, target: string): ApiError {
  const details = issues.map((i) => ({ field: i.path.map(String).join('.') || target, message: frenchIssueMessage(i, input, target) }));
  return new ApiError(400, 'VALIDATION_FAILED', details.map((d) => d.message).join(' ; '), details);
}

/** zod validation that fails with the one error shape: 400 VALIDATION_FAILED naming each field, in French. */
export const validate = <T extends ZodType, K extends Target>(target: K, schema: T) =>
  zValidator(target, schema, (result) => {
    if (!result.success) throw validationError(result.error.issues, result.data, target);
  });
