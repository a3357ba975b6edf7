/**
 * The web catalogue: every word a user reads, in French, one module per area (common.ts: shell, help,
 * errors, number/date formats; map.ts; zones.ts…). Error codes from the API stay English; what the user
 * reads is the API's French message, or ours when the message is missing or is raw validator/runtime text.
 */
import { errors } from './common';

export { errors, formatDate, formatNumber, help, plural, shell } from './common';

/** An API refusal as the typed client reports it (api/client.ts ApiRequestError), duck-typed to keep lib/ free of I/O. */
interface ApiFailure {
  status: number;
  code: string;
  message: string;
}
const isApiFailure = (e: unknown): e is ApiFailure =>
  e instanceof Error && typeof (e as Partial<ApiFailure>).status === 'number' && typeof (e as Partial<ApiFailure>).code === 'string';

/** French message for an API error code, used when the API's own message cannot be shown. */
const BY_CODE: Record<string, string> = {
  VALIDATION_FAILED: errors.invalidRequest,
  BAD_REQUEST: errors.invalidRequest,
  NOT_FOUND: errors.notFound,
  PAYLOAD_TOO_LARGE: errors.tooLarge,
  CONFLICT: errors.conflict,
  NOT_AVAILABLE: errors.unavailable,
  INTERNAL: errors.server,
};

/**
 * Text that must never reach a user: zod/validator output ("breaksMin.0: Invalid input: expected number,
 * received null"), JS runtime errors ("Cannot read properties of undefined"), fetch failures, HTTP jargon.
 */
const RAW_TEXT = [
  /\bInvalid (input|option|type|element|key|enum value)\b/i,
  /\bexpected \w+, received \w+/i,
  /^\s*[\w$]+(\.[\w$]+)*: (Required|Invalid|Expected|String must|Number must)/,
  /\b(Required|Unexpected token|is not valid JSON|is not a function|is not defined|Cannot read properties|undefined|null is not)\b/,
  /\b(Failed to fetch|NetworkError|Load failed|Request failed)\b/i,
];
export const isRawText = (message: string) => !message.trim() || RAW_TEXT.some((re) => re.test(message));

/** What the one error toast says for any failure (an API refusal, a network failure, a bug). */
export function userMessage(e: unknown): string {
  if (isApiFailure(e)) {
    if (!isRawText(e.message)) return e.message; // the API's French message says what to do next
    return BY_CODE[e.code] ?? (e.status >= 500 ? errors.server : errors.httpStatus(e.status));
  }
  if (e instanceof TypeError && /fetch|network|load failed/i.test(e.message)) return errors.network;
  if (e instanceof Error) {
    // our own errors are written in French for the user (new Error('Cliquez au moins trois points…'));
    // the platform's (TypeError, RangeError…) are English and technical
    if (e.name !== 'Error' || isRawText(e.message)) return errors.unexpected;
    return e.message;
  }
  return typeof e === 'string' && !isRawText(e) ? e : errors.unexpected;
}
