import 'server-only';
import { AppError } from '@/lib/errors/app-error';

interface KafkaLikeError {
  code?: string;
  message?: string;
  errors?: unknown[];
  apiCode?: number;
  apiId?: string;
}

const unknownTopicApiIds = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'UNKNOWN_TOPIC_ID']);

function flatten(error: unknown): KafkaLikeError[] {
  if (!error || typeof error !== 'object') return [];
  const e = error as KafkaLikeError & { cause?: unknown };
  return [
    e,
    ...(Array.isArray(e.errors) ? e.errors.flatMap(flatten) : []),
    ...(e.cause ? flatten(e.cause) : []),
  ];
}

/**
 * Maps a Kafka client failure to an AppError the UI can put into words. `what` names the
 * operation ("listing topics") so the message says what could not be done.
 */
export function toAppError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  const all = flatten(error);
  // An AppError raised inside the client (a decompression over its limit) keeps its words.
  const inner = all.find((e): e is AppError => e instanceof AppError);
  if (inner) return inner;
  // The client reports a topic missing from metadata as a user error, "Unknown topic NAME."
  const unknownTopic = (e: KafkaLikeError) =>
    (e.apiId && unknownTopicApiIds.has(e.apiId)) ||
    (e.code === 'PLT_KFK_USER' && /^Unknown topic /.test(e.message ?? ''));
  if (all.some(unknownTopic)) {
    return new AppError('UNKNOWN_TOPIC', `${what} failed: the topic does not exist`, { cause: error });
  }
  // A name Kafka does not allow ("." or "..", or characters the form did not check): the caller's input.
  if (all.some((e) => e.apiId === 'INVALID_TOPIC_EXCEPTION')) {
    return new AppError('BAD_REQUEST', `${what} failed: Kafka does not allow this topic name`, {
      cause: error,
    });
  }
  if (all.some((e) => e.apiId === 'OFFSET_OUT_OF_RANGE')) {
    return new AppError('OFFSET_OUT_OF_RANGE', `${what} failed: the offset is out of range`, {
      cause: error,
    });
  }
  if (all.some((e) => e.code === 'PLT_KFK_AUTHENTICATION')) {
    return new AppError('BROKER_UNAVAILABLE', `${what} failed: the broker rejected the credentials`, {
      cause: error,
    });
  }
  if (all.some((e) => e.code === 'PLT_KFK_TIMEOUT')) {
    return new AppError('TIMEOUT', `${what} failed: the broker did not answer in time`, { cause: error });
  }
  if (all.some((e) => e.code === 'PLT_KFK_NETWORK')) {
    return new AppError('BROKER_UNAVAILABLE', `${what} failed: no broker of this cluster could be reached`, {
      cause: error,
    });
  }
  const first = all.find((e) => e.apiId) ?? all[0];
  const detail = first?.apiId ?? first?.message ?? 'unknown error';
  return new AppError('INTERNAL', `${what} failed: ${detail}`, { cause: error });
}
