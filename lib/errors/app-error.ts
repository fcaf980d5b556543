/**
 * The one error type that crosses the API boundary. Every failure the UI can explain in words
 * has a code here; anything else becomes INTERNAL with no internals attached.
 */
export const errorStatus = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  READ_ONLY: 403,
  FORBIDDEN: 403,
  FORBIDDEN_HOST: 403,
  CROSS_SITE: 403,
  UNKNOWN_CLUSTER: 404,
  UNKNOWN_TOPIC: 404,
  UNKNOWN_PARTITION: 404,
  UNKNOWN_GROUP: 404,
  UNKNOWN_SUBJECT: 404,
  UNKNOWN_SCHEMA: 404,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TOO_MANY_STREAMS: 429,
  OFFSET_OUT_OF_RANGE: 416,
  DECODE_FAILED: 422,
  CONFIG_INVALID: 500,
  INTERNAL: 500,
  BROKER_UNAVAILABLE: 503,
  REGISTRY_UNAVAILABLE: 503,
  REGISTRY_NOT_CONFIGURED: 503,
  IDENTITY_PROVIDER_UNAVAILABLE: 503,
  TIMEOUT: 504,
} as const;

export type ErrorCode = keyof typeof errorStatus;

/** Marks AppErrors so that they are recognised across copies of this module (see hasInstance). */
const APP_ERROR = Symbol.for('event-store-console.AppError');

export class AppError extends Error {
  override name = 'AppError';
  readonly [APP_ERROR] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * `instanceof AppError` holds for an AppError made by any copy of this module: clients cached
   * on globalThis outlive a module reload (development server, test isolation), and their errors
   * must still be told apart from unexpected ones.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (
      typeof value === 'object' && value !== null && (value as { [APP_ERROR]?: unknown })[APP_ERROR] === true
    );
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (isAppError(error))
    return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  return {
    status: 500,
    body: { error: { code: 'INTERNAL', message: 'the console hit an unexpected error; see the server log' } },
  };
}
