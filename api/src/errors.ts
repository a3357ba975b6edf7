/** The one error shape of the API: { error: { code, message, details } }. */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'COMMUNE_NOT_FOUND'
  | 'INVALID_COMMUNE_CODE'
  | 'UNKNOWN_COMMUNE_NAME'
  | 'AMBIGUOUS_COMMUNE_NAME'
  | 'INVALID_BBOX'
  | 'INVALID_TILE'
  | 'UNKNOWN_LAYER'
  | 'UNKNOWN_INDICATOR'
  | 'PAYLOAD_TOO_LARGE'
  | 'IMPORT_INVALID_FILE'
  | 'IMPORT_INVALID_ROWS'
  | 'IMPORT_NO_VALID_ROW'
  | 'CONFLICT'
  | 'NOT_AVAILABLE'
  | 'INTERNAL';

export interface ErrorBody {
  error: { code: ErrorCode | string; message: string; details?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

export const badRequest = (code: ErrorCode | string, message: string, details?: unknown) => new ApiError(400, code, message, details);
export const notFound = (code: ErrorCode | string, message: string, details?: unknown) => new ApiError(404, code, message, details);
