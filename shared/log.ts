/**
 * Structured logs for the Lambda functions: one JSON object per line on stdout, which CloudWatch
 * Logs stores as is and Logs Insights parses without a pattern (`fields wiki, ms | filter
 * level = "ERROR"`). Written straight to stdout, not through `console.log`, whose Lambda
 * text format would put a timestamp, the request id and the level in front of the JSON.
 *
 *   const log = createLogger('write');                       // module scope, once per instance
 *   export const handler = async (event, context) => {
 *     const req = log.forInvocation(context, { path: event.rawPath });
 *     const wikiLog = req.with({ wiki: 'alice/notes' });     // every later line names the wiki
 *     wikiLog.info('page saved', { page: 'Home', ms: 42 });
 *     wikiLog.error('publish failed', error);                 // name, message, code, stack
 *   };
 *
 * Every line carries `timestamp`, `level`, `service`, `message`, and after forInvocation the
 * Lambda `requestId` and `coldStart` (true on the first invocation an instance serves). The level
 * threshold comes from the `env` the handler passes in: `LOG_LEVEL` or Lambda's `AWS_LAMBDA_LOG_LEVEL` (DEBUG, INFO, WARN, ERROR; default
 * INFO). No AWS SDK, no Lambda types: small enough for the assemble bundle.
 */

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
export type LogFields = Readonly<Record<string, unknown>>;

const RANK: Record<LogLevel, number> = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40 };

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** `error` may be anything thrown; it is logged as `{name, message, code?, stack?}`. */
  error(message: string, error?: unknown, fields?: LogFields): void;
  /** A logger whose every line also carries `fields` (the wiki, the route…). */
  with(fields: LogFields): Logger;
}

export interface FunctionLogger extends Logger {
  /**
   * The logger of one invocation: adds the request id and the cold-start flag. Call it once at
   * the top of the handler with the Lambda context (anything with `awsRequestId`).
   */
  forInvocation(context: { readonly awsRequestId?: string } | undefined, fields?: LogFields): Logger;
}

export interface LoggerOptions {
  /** Where a line goes (without its newline); default: stdout. */
  readonly write?: (line: string) => void;
  readonly level?: LogLevel;
  readonly now?: () => Date;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function levelOf(value: string | undefined): LogLevel | undefined {
  const upper = value?.trim().toUpperCase();
  if (upper === 'WARNING') return 'WARN';
  return upper && upper in RANK ? (upper as LogLevel) : undefined;
}

/** An Error (or anything thrown) as plain JSON fields. */
export function serializeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      ...(code !== undefined ? { code } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { message: String(error) };
}

/** JSON.stringify that never throws: cycles and BigInts become strings instead of losing the line. */
function stringify(entry: Record<string, unknown>): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(entry, (_key, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Error) return serializeError(value);
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  });
}

export function createLogger(service: string, options: LoggerOptions = {}): FunctionLogger {
  const env = options.env ?? {};
  const threshold = RANK[options.level ?? levelOf(env.LOG_LEVEL) ?? levelOf(env.AWS_LAMBDA_LOG_LEVEL) ?? 'INFO'];
  const write = options.write ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const now = options.now ?? (() => new Date());
  let invocations = 0;

  function make(base: LogFields): Logger {
    function emit(level: LogLevel, message: string, fields?: LogFields, error?: unknown) {
      if (RANK[level] < threshold) return;
      const entry: Record<string, unknown> = { timestamp: now().toISOString(), level, service, message, ...base, ...fields };
      if (error !== undefined) entry.error = serializeError(error);
      write(stringify(entry));
    }
    return {
      debug: (message, fields) => emit('DEBUG', message, fields),
      info: (message, fields) => emit('INFO', message, fields),
      warn: (message, fields) => emit('WARN', message, fields),
      error: (message, error, fields) => emit('ERROR', message, fields, error),
      with: (fields) => make({ ...base, ...fields }),
    };
  }

  const root = make({});
  return {
    ...root,
    forInvocation(context, fields) {
      invocations += 1;
      return make({ requestId: context?.awsRequestId, coldStart: invocations === 1, ...fields });
    },
  };
}

/** Adapts a logger to the `(entry) => void` sink services take as a dependency (`{level, message, …}`). */
export function entrySink(logger: () => Logger): (entry: Record<string, unknown>) => void {
  return ({ level, message, ...fields }) => {
    const text = String(message ?? '');
    const log = logger();
    switch (String(level ?? 'INFO').toUpperCase()) {
      case 'ERROR': {
        const { error, ...rest } = fields;
        log.error(text, error, rest);
        return;
      }
      case 'WARN':
        log.warn(text, fields);
        return;
      case 'DEBUG':
        log.debug(text, fields);
        return;
      default:
        log.info(text, fields);
    }
  };
}

/**
 * One function's logging: a sink for its services and `begin` for each invocation. Lambda hands
 * an instance one event at a time, so the sink always writes with the current invocation's fields.
 */
export function lambdaLogging(
  service: string,
  env: Readonly<Record<string, string | undefined>>,
  options: Pick<LoggerOptions, 'write'> = {},
) {
  const root = createLogger(service, { env, ...options });
  let current: Logger = root;
  return {
    sink: entrySink(() => current),
    begin(context: { readonly awsRequestId?: string } | undefined, fields?: LogFields): Logger {
      current = root.forInvocation(context, fields);
      return current;
    },
  };
}

/** `user/wiki` of a page, view or API path, for the `wiki` field of log lines. */
export function wikiOfPath(rawPath: string | undefined): string | undefined {
  const segments = (rawPath ?? '').split('/').filter(Boolean);
  const [a, b] = segments[0] === 'api' && segments[1] === 'wikis' ? segments.slice(2) : segments;
  return a && b && !['api', 'auth', 'mcp', 'static'].includes(a) ? `${a}/${b}` : undefined;
}
